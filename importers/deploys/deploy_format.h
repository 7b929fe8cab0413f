#pragma once

#include <QString>

namespace faultline::importers::json {
class Node;
}

namespace faultline::importers::deploys {

// Format names of `import deploys` (the --format values). A GitHub statuses list is detected as
// kGitHubStatuses, which reads like "github" but imports after the deployments of the same command.
inline constexpr const char* kGitHub = "github";
inline constexpr const char* kGitHubStatuses = "github-statuses";
inline constexpr const char* kGitLab = "gitlab";
inline constexpr const char* kArgoCd = "argocd";
inline constexpr const char* kHelm = "helm";
inline constexpr const char* kCsv = "csv";

// The format of a deploy export, from its content only. Throws ImportError "<file>: not a
// deployment export: …" saying what was found when it is none of them.
QString detectDeployFormat(const QString& path);

// Record shapes, for detection and for the GitHub importer, which takes every shape in any file.
bool isGitHubDeployment(const json::Node& record);
bool isGitHubStatus(const json::Node& record);
bool isGitLabDeployment(const json::Node& record);
bool isArgoCdApplication(const json::Node& record);
bool isHelmRevision(const json::Node& record);

} // namespace faultline::importers::deploys
