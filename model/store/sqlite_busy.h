#pragma once

#include <string>

namespace faultline::store {

// The message for SQLite's SQLITE_BUSY ("database is locked"). It reaches a caller only after the
// busy timeout: another connection (an import writing, or its checkpoint as it closes) held the
// workspace at `path` all that time. Said in the user's words, naming the file.
std::string busyMessage(const std::string& path);

// SQLITE_BUSY because another connection holds the file ("database is locked"), not the COMMIT
// with statements still running that shares the code: a bug whose own message must stay.
bool lockedByAnother(int rc, const char* message);

} // namespace faultline::store
