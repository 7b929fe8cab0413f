#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace faultline::importers::json {
class Node;
}

namespace faultline::importers::prs {

// The --format values of `import prs`.
inline constexpr const char* kGhFormat = "gh";
inline constexpr const char* kGithubRestFormat = "github-rest";
inline constexpr const char* kGitlabFormat = "gitlab";
QStringList formatNames();

// The format of one pull request record; nullopt when it looks like none of them.
std::optional<QString> formatOfRecord(const json::Node& record);

// Reads the start of a file and names its format, by content only: gh (camelCase fields such as
// headRefName, mergedAt, or the GraphQL data.repository.pullRequests), github-rest (head/base
// objects, html_url, merged_at), gitlab (iid with source_branch/target_branch). A file with no
// records at all (`[]`) reads as gh: it imports nothing whatever its format. Throws ImportError
// "<file>: not a pull request export: …" otherwise.
QString detectPrFormat(const QString& path);

} // namespace faultline::importers::prs
