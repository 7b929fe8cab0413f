#pragma once

#include "common/file_import.h"

namespace faultline::importers::deploys {

// Deploy history: GitHub deployments (list, statuses, or both combined), GitLab deployments, Argo CD
// Application JSON/YAML, helm history -o json, generic deployment CSV. Each file's format is detected from
// its content.
const FileImportKind& importKind();

} // namespace faultline::importers::deploys
