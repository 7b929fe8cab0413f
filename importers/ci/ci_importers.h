#pragma once

#include "ci/ci_context.h"

namespace faultline::importers::ci {

// One function per export family, each in its own unit. Each reads `file` (already detected as its
// family), tells its shapes apart, writes through ctx.writer(), reports progress in bytes, adds
// warnings for what it skips, and throws ImportError naming the file and the line or JSON path on
// malformed input (the whole command then rolls back).
void importGitHubJson(const CiFile& file, CiContext& ctx);
void importGitHubJobLog(const CiFile& file, CiContext& ctx);
void importGitHubLogArchive(const CiFile& file, CiContext& ctx);
void importGitLabJson(const CiFile& file, CiContext& ctx);
void importGitLabTrace(const CiFile& file, CiContext& ctx);
void importJenkinsJson(const CiFile& file, CiContext& ctx);
void importCircleCiJson(const CiFile& file, CiContext& ctx);
void importJUnitXml(const CiFile& file, CiContext& ctx);

// The function above that reads file.format.
void importFileOfFormat(const CiFile& file, CiContext& ctx);

} // namespace faultline::importers::ci
