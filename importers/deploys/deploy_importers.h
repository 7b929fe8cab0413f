#pragma once

#include "common/file_import.h"

#include <QString>

namespace faultline::importers::deploys {

// The per-format importers of `import deploys` (one unit each). Each reads one file and throws
// ImportError naming the file and position on bad input.

// GitHub deployments list, deployment statuses list, or deployments each carrying `statuses`.
void importGitHubDeployments(const QString& path, FileImportContext& ctx);
// GitLab `GET /projects/:id/deployments`.
void importGitLabDeployments(const QString& path, FileImportContext& ctx);
// An Argo CD Application (or a List of them) as JSON or YAML.
void importArgoCdApplications(const QString& path, FileImportContext& ctx);
// `helm history RELEASE -o json`; the release's service comes from --service.
void importHelmHistory(const QString& path, FileImportContext& ctx);
// A deployment CSV (Faultline's columns or DevLake's deployment webhook names).
void importDeploymentCsv(const QString& path, FileImportContext& ctx);

} // namespace faultline::importers::deploys
