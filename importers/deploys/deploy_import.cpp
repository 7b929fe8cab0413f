#include "deploy_import.h"

#include "common/import_error.h"
#include "deploy_format.h"
#include "deploy_importers.h"

namespace faultline::importers::deploys {

namespace {

void importFile(const QString& path, const QString& format, FileImportContext& ctx)
{
    // The GitHub importer takes deployments and statuses alike; the two names only order files.
    if (format == QLatin1String(kGitHub) || format == QLatin1String(kGitHubStatuses))
        importGitHubDeployments(path, ctx);
    else if (format == QLatin1String(kGitLab))
        importGitLabDeployments(path, ctx);
    else if (format == QLatin1String(kArgoCd))
        importArgoCdApplications(path, ctx);
    else if (format == QLatin1String(kHelm))
        importHelmHistory(path, ctx);
    else if (format == QLatin1String(kCsv))
        importDeploymentCsv(path, ctx);
    else
        throw ImportError(QStringLiteral("%1: unknown deploy format '%2'").arg(path, format));
}

// Statuses need their deployments: GitHub statuses files import after every other file of the
// command. (With --format github every file is "github" and they import in the given order.)
int phaseOf(const QString& format)
{
    return format == QLatin1String(kGitHubStatuses) ? 1 : 0;
}

} // namespace

const FileImportKind& importKind()
{
    static const FileImportKind kind { QStringLiteral("deploys"),
                                       { QString::fromLatin1(kGitHub), QString::fromLatin1(kGitLab),
                                         QString::fromLatin1(kArgoCd), QString::fromLatin1(kHelm),
                                         QString::fromLatin1(kCsv) },
                                       detectDeployFormat,
                                       phaseOf,
                                       importFile };
    return kind;
}

} // namespace faultline::importers::deploys
