#include "auto_import.h"

#include "ci/ci_format.h"
#include "ci/ci_importer.h"
#include "common/file_import.h"
#include "common/import_error.h"
#include "deploys/deploy_import.h"
#include "git/git_history_importer.h"
#include "incidents/incident_import.h"
#include "prs/pr_import.h"
#include "store/workspace.h"

#include <QDir>
#include <QFileInfo>

#include <array>

namespace faultline::importers {

namespace {

bool isGitRepository(const QString& path)
{
    const QDir dir(path);
    if (dir.exists(QStringLiteral(".git")))
        return true;
    // A bare repository: no work tree, the git directory itself.
    return dir.exists(QStringLiteral("HEAD")) && dir.exists(QStringLiteral("objects"))
        && dir.exists(QStringLiteral("refs"));
}

const FileImportKind* fileKind(InputKind kind)
{
    switch (kind) {
    case InputKind::Deploys:
        return &deploys::importKind();
    case InputKind::Incidents:
        return &incidents::importKind();
    case InputKind::Prs:
        return &prs::importKind();
    case InputKind::Git:
    case InputKind::Ci:
        break;
    }
    return nullptr;
}

// The kind whose detection recognises the file; the last detector's message when none does.
std::optional<InputKind> detectFile(const QString& path, QString* why)
{
    try {
        ci::detectCiFormat(path);
        return InputKind::Ci;
    } catch (const ImportError& e) {
        *why = QString::fromStdString(e.what());
    }
    for (const InputKind kind : { InputKind::Deploys, InputKind::Incidents, InputKind::Prs }) {
        try {
            fileKind(kind)->detect(path);
            return kind;
        } catch (const ImportError&) { }
    }
    return std::nullopt;
}

} // namespace

QString inputKindName(InputKind kind)
{
    switch (kind) {
    case InputKind::Git:
        return QStringLiteral("git");
    case InputKind::Ci:
        return QStringLiteral("ci");
    case InputKind::Deploys:
        return QStringLiteral("deploys");
    case InputKind::Incidents:
        return QStringLiteral("incidents");
    case InputKind::Prs:
        return QStringLiteral("prs");
    }
    return {};
}

QString inputKindTitle(InputKind kind)
{
    switch (kind) {
    case InputKind::Git:
        return QStringLiteral("git history");
    case InputKind::Ci:
        return QStringLiteral("CI runs");
    case InputKind::Deploys:
        return QStringLiteral("deployments");
    case InputKind::Incidents:
        return QStringLiteral("incidents");
    case InputKind::Prs:
        return QStringLiteral("pull requests");
    }
    return {};
}

Detection detectInputs(const QStringList& paths)
{
    Detection detection;
    for (const QString& given : paths) {
        const QFileInfo info(given);
        const QString path = info.absoluteFilePath();
        if (info.isDir() && isGitRepository(path)) {
            detection.inputs.push_back({ path, InputKind::Git });
            continue;
        }
        if (!info.exists()) {
            detection.unrecognised << QStringLiteral("%1: no such file or folder").arg(path);
            continue;
        }
        const QStringList files
            = info.isDir() ? ci::CiImporter::expandInputs({ path }) : QStringList { path };
        for (const QString& file : files) {
            QString why;
            if (const auto kind = detectFile(file, &why))
                detection.inputs.push_back({ file, *kind });
            else
                detection.unrecognised << QStringLiteral("%1: not a git repository, CI, deployment, incident "
                                                         "or pull request export")
                                              .arg(file);
        }
    }
    return detection;
}

void runAutoImport(store::Workspace& workspace, const Detection& detection,
                   const AutoImportProgress& progress, AutoImportReport& report)
{
    // Order as a user would run the commands: history first, so that CI runs, deployments and
    // pull requests link to known commits; the deliveries re-link after each import anyway.
    constexpr std::array order { InputKind::Git, InputKind::Ci, InputKind::Deploys, InputKind::Incidents,
                                 InputKind::Prs };
    struct Planned
    {
        InputKind kind;
        QStringList paths;
    };
    std::vector<Planned> plan;
    for (const InputKind kind : order) {
        QStringList paths;
        for (const DetectedInput& input : detection.inputs) {
            if (input.kind == kind)
                paths << input.path;
        }
        if (paths.isEmpty())
            continue;
        if (kind == InputKind::Git) {
            for (const QString& repository : std::as_const(paths))
                plan.push_back({ kind, { repository } });
        } else {
            plan.push_back({ kind, paths });
        }
    }

    // A drop of several kinds is one import to the user: cancelling it, or one kind failing, leaves
    // the workspace unchanged.
    store::SqliteTransaction all(workspace.db());
    const int steps = int(plan.size());
    for (int i = 0; i < steps; ++i) {
        const Planned& planned = plan[size_t(i)];
        const ProgressCallback stepProgress = [&](std::int64_t done, std::int64_t total) {
            return !progress || progress(i, steps, planned.kind, done, total);
        };
        if (!stepProgress(0, 0))
            throw ImportCancelled();
        AutoImportStep step;
        step.kind = planned.kind;
        switch (planned.kind) {
        case InputKind::Git: {
            git::GitImportOptions options;
            options.repository = planned.paths.front();
            const git::GitImportReport git = git::GitHistoryImporter::run(workspace, options, stepProgress);
            step.paths << options.repository;
            step.formats << QStringLiteral("git");
            step.summaries.push_back(git.summary);
            step.notices = git.notices;
            break;
        }
        case InputKind::Ci: {
            ci::CiImportOptions options;
            options.inputs = planned.paths;
            const ci::CiImportReport ci = ci::CiImporter::run(workspace, options, stepProgress);
            for (const auto& file : ci.files) {
                step.paths << file.path;
                step.formats << ci::formatName(file.format);
            }
            step.summaries = ci.summaries;
            for (const QString& skipped : ci.skipped)
                step.notices << QStringLiteral("skipped %1: not a CI export").arg(skipped);
            break;
        }
        case InputKind::Deploys:
        case InputKind::Incidents:
        case InputKind::Prs: {
            FileImportOptions options;
            options.inputs = planned.paths;
            const FileImportReport files
                = runFileImport(workspace, *fileKind(planned.kind), options, stepProgress);
            for (const auto& file : files.files) {
                step.paths << file.path;
                step.formats << file.format;
            }
            step.summaries = files.summaries;
            for (const QString& skipped : files.skipped)
                step.notices << QStringLiteral("skipped %1").arg(skipped);
            break;
        }
        }
        report.steps.push_back(std::move(step));
    }
    all.commit();
}

} // namespace faultline::importers
