#include "demo_builder.h"

#include "auto/auto_import.h"
#include "common/import_error.h"
#include "demo/demo_ci_writer.h"
#include "demo/demo_delivery_writer.h"
#include "demo/demo_git_writer.h"
#include "demo/demo_plan.h"
#include "link/relink_workspace.h"
#include "store/store_error.h"
#include "store/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <stdexcept>

namespace faultline::demo {

namespace {

const QString kMarker = QStringLiteral(".faultline-demo");

// Empties `dir` when it is an earlier demo's (it carries the marker file) or creates it; refuses a
// directory with anything else in it.
void prepare(const QString& dir)
{
    QDir d(dir);
    if (d.exists()) {
        const QStringList entries = d.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        if (!entries.isEmpty() && !entries.contains(kMarker))
            throw std::runtime_error(QStringLiteral("%1 is not empty and not a Faultline demo directory; "
                                                    "choose an empty or new --dir")
                                         .arg(QDir::toNativeSeparators(dir))
                                         .toStdString());
        if (!d.removeRecursively())
            throw std::runtime_error(QStringLiteral("cannot clear the earlier demo in %1")
                                         .arg(QDir::toNativeSeparators(dir))
                                         .toStdString());
    }
    if (!QDir().mkpath(dir))
        throw std::runtime_error(
            QStringLiteral("cannot create %1").arg(QDir::toNativeSeparators(dir)).toStdString());
    QFile marker(d.filePath(kMarker));
    if (!marker.open(QIODevice::WriteOnly))
        throw std::runtime_error(
            QStringLiteral("cannot write in %1").arg(QDir::toNativeSeparators(dir)).toStdString());
    marker.write("Built by `faultline demo`; the next demo run in this directory replaces it.\n");
}

} // namespace

DemoResult buildDemo(const QString& dir, std::uint32_t seed, const DemoProgress& progress)
{
    const auto say = [&](const QString& step) {
        if (progress)
            progress(step);
    };
    const QString root = QFileInfo(dir).absoluteFilePath();
    prepare(root);
    DemoResult result;
    result.repository = QDir(root).filePath(QStringLiteral("shop"));
    result.workspace = QDir(root).filePath(QStringLiteral("demo.faultline"));
    const QString exports = QDir(root).filePath(QStringLiteral("exports"));

    say(QStringLiteral("Planning six months of the shop team (seed %1)").arg(seed));
    const Plan plan = planDemo(seed);
    result.commits = int(plan.commits.size());
    result.pulls = int(plan.pulls.size());
    result.runs = int(plan.runs.size());
    result.deployments = int(plan.deployments.size());
    result.incidents = int(plan.incidents.size());
    result.aiAssistedCommits = int(std::count_if(plan.commits.begin(), plan.commits.end(),
                                                 [](const Commit& c) { return c.aiAssisted(); }));

    say(QStringLiteral("Writing the git repository: %1 commits").arg(result.commits));
    const std::vector<QString> shas = writeGitRepository(plan, result.repository);
    say(QStringLiteral("Writing the exports: %1 CI runs, %2 deployments, %3 incidents, %4 pull requests")
            .arg(result.runs)
            .arg(result.deployments)
            .arg(result.incidents)
            .arg(result.pulls));
    QDir().mkpath(exports);
    result.exports << writeCiExports(plan, shas, exports) << writeDeliveryExports(plan, shas, exports);
    result.exports.sort();

    try {
        auto workspace = store::Workspace::create(result.workspace);
        const importers::Detection detection = importers::detectInputs({ result.repository, exports });
        if (!detection.unrecognised.isEmpty())
            throw std::runtime_error(QStringLiteral("the importers did not recognise %1")
                                         .arg(detection.unrecognised.join(QStringLiteral("; ")))
                                         .toStdString());
        importers::AutoImportReport report;
        importers::runAutoImport(
            workspace, detection,
            [&, last = -1](int step, int, importers::InputKind kind, std::int64_t, std::int64_t) mutable {
                if (step != last)
                    say(QStringLiteral("Importing %1").arg(importers::inputKindTitle(kind)));
                last = step;
                return true;
            },
            report);
        // One repository holds the three services: each service's deployments ship the commits under
        // its directory. CI minutes are priced as GitHub-hosted runners are.
        QString paths;
        for (const QString& service : plan.services)
            paths += (paths.isEmpty() ? QString() : QStringLiteral(", "))
                + QStringLiteral("\"%1\": \"services/%1\"").arg(service);
        say(QStringLiteral("Linking deployments, incidents, pull requests and CI runs"));
        importers::link::relinkWorkspace(
            workspace,
            { { QStringLiteral("link.service_paths"), QLatin1Char('{') + paths + QLatin1Char('}') },
              { QStringLiteral("metrics.runner_rates"),
                QStringLiteral("{\"ubuntu-latest\": 0.008, \"ubuntu-latest-8-cores\": 0.032}") } });
    } catch (const importers::ImportError& e) {
        throw std::runtime_error(std::string("importing the demo failed: ") + e.what());
    } catch (const store::StoreError& e) {
        throw std::runtime_error(std::string("the demo workspace failed: ") + e.what());
    }
    return result;
}

} // namespace faultline::demo
