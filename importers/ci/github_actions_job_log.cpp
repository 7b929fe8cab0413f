#include "ci/ci_importers.h"

#include "common/import_error.h"

namespace faultline::importers::ci {

// Placeholder while the unit is written; replaced by the real importer.
void importGitHubJobLog(const CiFile& file, CiContext&)
{
    throw ImportError(file.path + QStringLiteral(": this CI format is not supported yet: ") + formatName(file.format));
}

} // namespace faultline::importers::ci
