#include "pr_import.h"

#include "common/import_error.h"
#include "prs/pr_format.h"
#include "prs/pr_importers.h"

namespace faultline::importers::prs {

namespace {

void importFile(const QString& path, const QString& format, FileImportContext& ctx)
{
    if (format == QLatin1String(kGhFormat))
        importGhJson(path, ctx);
    else if (format == QLatin1String(kGithubRestFormat))
        importGithubRest(path, ctx);
    else if (format == QLatin1String(kGitlabFormat))
        importGitlabMergeRequests(path, ctx);
    else
        throw ImportError(QStringLiteral("%1: unknown pull request format '%2'").arg(path, format));
}

} // namespace

const FileImportKind& importKind()
{
    // All formats write the same table and none depends on another: no phases.
    static const FileImportKind kind { QStringLiteral("prs"), formatNames(), detectPrFormat, {}, importFile };
    return kind;
}

} // namespace faultline::importers::prs
