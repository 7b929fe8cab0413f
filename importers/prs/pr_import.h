#pragma once

#include "common/file_import.h"

namespace faultline::importers::prs {

// Pull requests: gh pr list --json (any subset of fields), the GitHub REST pulls list, GitLab merge requests.
// Each file's format is detected from its content.
const FileImportKind& importKind();

} // namespace faultline::importers::prs
