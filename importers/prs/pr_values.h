#pragma once

#include "common/file_import.h"
#include "common/json_documents.h"
#include "common/json_node.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

namespace faultline::importers::prs {

// Values the three pull request formats read alike.

// The elements of a list: a JSON array, or a GraphQL connection ({"nodes": […]} or {"edges": [{"node"}]})
// as gh's GraphQL response holds them. Absent or null: nothing; anything else fails at its path.
void forEachListItem(const json::Node& list, const std::function<void(const json::Node&)>& f);

// A commit sha (hex, 7 to 64 digits) in lower case; absent, null or "" → empty; other text fails.
QString shaOf(const json::Node& node);

// The pull request's number (GitHub number, GitLab iid): a positive integer, required.
std::int64_t numberOf(const json::Node& number);

// Label names from strings or objects with a name; an empty list gives none.
QStringList labelsOf(const json::Node& list);

// The text of `object.key` when `object` is an object (authors, users); empty when it is absent or null.
QString fieldOf(const json::Node& object, std::string_view key);

// "owner/repo" of a GitHub pull request URL (https://<host>/<owner>/<repo>/pull/<n>); empty otherwise.
QString githubRepoOfUrl(const QString& url);

// Reads the documents of one pull request export (a single document, JSON Lines or concatenated
// pages) and the records in them, with progress; a file that holds no record is a warning, not an
// error (an export of a quiet period).
class PrRecordReader
{
public:
    PrRecordReader(const QString& path, FileImportContext& ctx);

    std::optional<json::Node> nextDocument() { return m_reader.next(); }
    // Calls `write` for `records` when it is one object, else for each element of the array or
    // connection; each must be an object (`what` names it in the error).
    void forEachRecord(const json::Node& records, const QString& what,
                       const std::function<void(const json::Node&)>& write);
    void finish();

private:
    json::JsonDocumentReader m_reader;
    FileImportContext& m_ctx;
    std::int64_t m_records = 0;
};

} // namespace faultline::importers::prs
