#pragma once

#include <span>
#include <string_view>

namespace faultline::store {

// One ordered step of the schema. Steps are applied in one transaction, in order, from the file's
// PRAGMA user_version up to the newest; a released step is never edited, only followed by another.
struct Migration
{
    int version;
    std::string_view description;
    std::string_view sql;
};

std::span<const Migration> migrations();
int latestSchemaVersion();

// 'FLTL': written to PRAGMA application_id so a workspace can be told from any other SQLite file.
inline constexpr int kApplicationId = 0x464C544C;

} // namespace faultline::store
