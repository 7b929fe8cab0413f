#pragma once

#include "common/file_import.h"

#include <QString>

namespace faultline::importers::prs {

// One reader per pull request format (FORMATS.md §8a–8b). Each reads one file into the workspace
// through ctx.writer() and throws ImportError "<file>:<line>: <JSON path>: expected …, found …" on
// bad input.

// `gh pr list --json <fields>` (any subset, arrays, pages, JSON Lines) and the GraphQL response gh reads.
void importGhJson(const QString& path, FileImportContext& ctx);
// `gh api --paginate repos/O/R/pulls?state=…` (and a single `pulls/N`).
void importGithubRest(const QString& path, FileImportContext& ctx);
// GitLab `GET /projects/:id/merge_requests` (and `glab mr list -F json`).
void importGitlabMergeRequests(const QString& path, FileImportContext& ctx);

} // namespace faultline::importers::prs
