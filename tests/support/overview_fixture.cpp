#include "overview_fixture.h"

#include "link/linker.h"
#include "store/delivery_writer.h"
#include "store/import_batch.h"
#include "store/synthetic_history.h"
#include "store/workspace.h"

#include <QFileInfo>

namespace faultline::test {

namespace {

constexpr std::int64_t kHour = 3600LL * 1000;
constexpr std::int64_t kDay = 24 * kHour;

std::int64_t at(double days)
{
    return kOverviewBase + std::int64_t(days * double(kDay));
}

QString sha(int n)
{
    return QStringLiteral("%1").arg(n, 40, 16, QLatin1Char('0'));
}

} // namespace

void writeOverviewWorkspace(const QString& path)
{
    store::Workspace ws = store::Workspace::create(path);
    store::ImportBatch batch(ws, { path, QStringLiteral("test"), QByteArray("overview-fixture") });
    store::SyntheticHistory history(batch);
    const std::int64_t repo = history.addRepository(QStringLiteral("shop"),
                                                    QFileInfo(path).absolutePath() + QStringLiteral("/shop"));
    for (int day = 0; day < 24; ++day) {
        store::SyntheticHistory::Commit c;
        c.sha = sha(day + 1);
        c.subject = QStringLiteral("Change %1").arg(day + 1);
        c.authoredAt = at(day);
        if (day > 0)
            c.parents = QStringList { sha(day) };
        c.files = QStringList { QStringLiteral("src/file%1.c").arg(day % 5) };
        c.addedLines = 10;
        c.aiLines = day % 3 == 0 ? 10 : 0;
        history.addCommit(repo, c);
    }
    history.flush();

    store::DeliveryWriter writer(batch);
    for (int i = 0; i < 8; ++i) {
        const int day = 2 + i * 3;
        store::PullRequestRecord pr;
        pr.provider = QStringLiteral("github");
        pr.project = QStringLiteral("acme/shop");
        pr.number = i + 1;
        pr.author = i % 2 ? QStringLiteral("alice") : QStringLiteral("bob");
        pr.createdAt = at(day) + 2 * kHour;
        pr.mergedAt = at(day) + 6 * kHour;
        pr.mergeCommitSha = sha(day + 1);
        pr.headSha = sha(day + 1);
        pr.hasCommits = true;
        pr.commits = { { sha(day + 1), at(day), at(day), QStringLiteral("A"), QStringLiteral("a@x"),
                         pr.author, QStringLiteral("Change") } };
        pr.hasReviews = true;
        pr.reviews = { { QStringLiteral("r%1").arg(i), QStringLiteral("carol"), QStringLiteral("APPROVED"),
                         at(day) + 4 * kHour } };
        writer.upsertPullRequest(pr);
    }
    const auto deploy = [&](const QString& id, const QString& service, const QString& environment, int day,
                            const char* status) {
        store::DeploymentRecord d;
        d.provider = QStringLiteral("csv");
        d.externalId = id;
        d.service = service;
        d.environment = environment;
        d.status = QLatin1String(status);
        d.commitSha = sha(day + 1);
        d.startedAt = at(day + 0.5) - kHour;
        d.finishedAt = at(day + 0.5);
        writer.upsertDeployment(d);
    };
    for (int i = 0; i < kShopProductionDeployments; ++i)
        deploy(QStringLiteral("shop-%1").arg(i), QStringLiteral("shop"), QStringLiteral("production"),
               1 + 2 * i, i == 4 ? "failure" : "success");
    for (int i = 0; i < kApiProductionDeployments; ++i)
        deploy(QStringLiteral("api-%1").arg(i), QStringLiteral("api"), QStringLiteral("production"),
               2 + 7 * i, "success");
    deploy(QStringLiteral("shop-stg"), QStringLiteral("shop"), QStringLiteral("staging"), 4, "success");
    importers::link::relink(batch);
    batch.commit();
}

} // namespace faultline::test
