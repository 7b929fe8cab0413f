#include "rework_fixture.h"

#include "common/fingerprint.h"
#include "git_scratch.h"
#include "link/linker.h"
#include "store/delivery_writer.h"
#include "store/import_batch.h"
#include "store/workspace.h"

#include <QProcess>

namespace faultline::test {

namespace {

const char* kAiTrailer = "\n\nCo-authored-by: Claude <noreply@anthropic.com>";

QByteArray lines(const char* prefix, int from, int to, int rewrittenFrom = 0, int rewrittenTo = -1)
{
    QByteArray out;
    for (int i = from; i <= to; ++i) {
        out += prefix + QByteArray::number(i);
        if (i >= rewrittenFrom && i <= rewrittenTo)
            out += " v2";
        out += '\n';
    }
    return out;
}

} // namespace

bool writeReworkWorkspace(const QString& dir, ReworkFixture& out)
{
    QProcess p;
    p.start(QStringLiteral("git"), { QStringLiteral("--version") });
    if (!p.waitForFinished() || p.exitCode() != 0)
        return false;
    Scratch r = Scratch::create(dir + QStringLiteral("/repo"));
    r.write(QStringLiteral("src/app/main.c"), lines("m", 1, 20));
    r.write(QStringLiteral("src/lib/util.c"), lines("u", 1, 10));
    r.write(QStringLiteral("docs/guide.md"), lines("g", 1, 5));
    out.c[0] = r.commit(QStringLiteral("C0"), 0);
    r.write(QStringLiteral("src/lib/util.c"), lines("u", 1, 20));
    out.c[1] = r.commit(QStringLiteral("C1") + QString::fromUtf8(kAiTrailer), kDay);
    r.write(QStringLiteral("src/lib/util.c"), lines("u", 1, 20, 11, 14));
    r.write(QStringLiteral("src/app/main.c"), lines("m", 1, 20, 1, 3));
    out.c[2] = r.commit(QStringLiteral("C2"), kDay);
    QByteArray main = lines("m", 1, 20, 1, 3);
    main.replace("m10\n", "m10 v2\n");
    r.write(QStringLiteral("src/app/main.c"), main);
    out.c[3] = r.commit(QStringLiteral("C3") + QString::fromUtf8(kAiTrailer), kDay);

    out.workspace = dir + QStringLiteral("/rework.faultline");
    importInto(out.workspace, r.dir());

    store::Workspace ws = store::Workspace::open(out.workspace);
    store::ImportBatch batch(ws, { out.workspace, QStringLiteral("test"), QByteArray("rework-fixture") });
    store::DeliveryWriter writer(batch);
    const std::int64_t t0 = kEpoch * 1000;
    constexpr std::int64_t hour = kHour * 1000;
    const auto deploy = [&](const char* id, const QString& sha, std::int64_t finished) {
        store::DeploymentRecord d;
        d.provider = QStringLiteral("csv");
        d.externalId = QString::fromUtf8(id);
        d.service = QStringLiteral("shop");
        d.environment = QStringLiteral("production");
        d.status = QStringLiteral("success");
        d.commitSha = sha;
        d.startedAt = finished - hour / 2;
        d.finishedAt = finished;
        writer.upsertDeployment(d);
    };
    // shop-0 gives shop-1 a changeset (a service's first deployment has none): C1.
    deploy("shop-0", out.c[0], t0 + hour);
    deploy("shop-1", out.c[1], t0 + kDayMs + hour);
    deploy("shop-2", out.c[3], t0 + 3 * kDayMs + hour);
    const auto incident = [&](const char* key, const char* title, std::int64_t created, std::int64_t hours,
                              const char* deployment) {
        store::IncidentRecord i;
        i.provider = QStringLiteral("csv");
        i.externalId = QString::fromUtf8(key);
        i.displayKey = QString::fromUtf8(key);
        i.title = QString::fromUtf8(title);
        i.service = QStringLiteral("shop");
        i.environment = QStringLiteral("production");
        i.status = QStringLiteral("resolved");
        i.createdAt = created;
        i.resolvedAt = created + hours * hour;
        i.causedByDeployment = QString::fromUtf8(deployment);
        i.fingerprint = importers::normalizeForFingerprint(i.title);
        writer.upsertIncident(i);
    };
    incident("INC-1", "Checkout fails with error 500", t0 + kDayMs + 2 * hour, 2, "shop-1");
    incident("INC-2", "Checkout fails with error 502", t0 + 2 * kDayMs, 1, "");
    incident("INC-3", "Disk full on db-1", t0 + 3 * kDayMs + 2 * hour, 3, "shop-2");
    importers::link::relink(batch);
    batch.commit();
    return true;
}

} // namespace faultline::test
