#pragma once

#include "common/file_import.h"

namespace faultline::importers::incidents {

// Incidents: PagerDuty incidents API JSON (with or without log entries), Opsgenie alerts and incidents JSON,
// Jira search JSON, generic incident CSV. Each file's format is detected from its content.
const FileImportKind& importKind();

} // namespace faultline::importers::incidents
