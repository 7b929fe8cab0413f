// How fast is the linker (importers/link) on a large workspace, next to the baseline the
// developers' guide names: a plain prepared-statement insert loop writing the same number of rows?
//
//   bench_link [--commits N] [--deployments D] [--incidents I] [--prs P] [--runs R] [--keep DIR]
//       generates a workspace: one repository of N commits (a main line with a side branch of three
//       commits merged back every tenth commit) holding three services in their own folders, D
//       deployments of those services to production and staging (mostly forward, some failures,
//       some rollbacks), I incidents (a tenth naming a commit, a twentieth a PR), P pull requests
//       squash-merged on the main line with two commits each that no history holds, a tenth of them
//       Dependabot's, and R CI runs. Then it times relink() on it (everything computed and written)
//       and a second relink (nothing changes), and a single-row prepared INSERT loop of as many
//       rows as the first relink wrote (links and changeset rows, pre-built in memory, one
//       transaction) into a fresh workspace, and prints both and their ratio.
//
// Build: cmake --preset release && cmake --build build/release --target bench_link
#include "link/linker.h"
#include "store/ci_writer.h"
#include "store/delivery_writer.h"
#include "store/import_batch.h"
#include "store/synthetic_history.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace faultline;

namespace {

struct Shape
{
    std::int64_t commits = 20000;
    std::int64_t deployments = 100000;
    std::int64_t incidents = 50000;
    std::int64_t prs = 5000;
    std::int64_t runs = 10000;
};

constexpr std::int64_t kEpochMs = 1704067200000; // 2024-01-01T00:00:00Z
constexpr std::int64_t kHourMs = 3600 * 1000;
const char* const kServices[] = { "cart", "search", "billing" };

std::uint64_t mix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

QString sha(std::uint64_t seed)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%016" PRIx64 "%016" PRIx64 "%08" PRIx32, mix(seed), mix(seed + 1),
                  std::uint32_t(mix(seed + 2)));
    return QString::fromLatin1(buf, 40);
}

struct Generated
{
    std::vector<QString> mainLine; // main-line shas, oldest first
    std::vector<std::int64_t> mainTime;
};

Generated generate(store::Workspace& ws, const Shape& shape)
{
    Generated g;
    store::ImportBatch batch(
        ws, { QStringLiteral("bench"), QStringLiteral("bench:link"), QByteArray("generate") });
    store::SyntheticHistory history(batch);
    const std::int64_t repo = history.addRepository(QStringLiteral("shop"), QStringLiteral("/bench/shop"));
    std::int64_t written = 0;
    std::int64_t pr = 0;
    QString head;
    std::int64_t t = kEpochMs;
    auto add = [&](const QString& subject, const QStringList& parents, std::int64_t k) {
        store::SyntheticHistory::Commit c;
        c.sha = sha(std::uint64_t(k) * 4);
        c.subject = subject;
        c.authoredAt = t;
        c.parents = parents;
        c.files = { QStringLiteral("%1/file%2.txt").arg(QLatin1String(kServices[k % 3])).arg(k % 50) };
        c.addedLines = 3 + k % 7;
        c.aiLines = k % 4 == 0 ? c.addedLines : 0;
        history.addCommit(repo, c);
        t += 2 * kHourMs;
        ++written;
        return c.sha;
    };
    while (written < shape.commits) {
        const std::int64_t k = written;
        if (k % 10 == 9 && !head.isEmpty()) {
            // A side branch of three commits, merged back.
            QString side = head;
            for (int b = 0; b < 3; ++b)
                side = add(QStringLiteral("branch work %1").arg(k + b), { side }, k + b);
            head = add(QStringLiteral("Merge branch 'topic-%1'").arg(k), { head, side }, written);
        } else if (k % 4 == 1 && pr < shape.prs) {
            ++pr;
            head = add(QStringLiteral("Feature %1 (#%2)").arg(k).arg(pr),
                       head.isEmpty() ? QStringList() : QStringList { head }, k);
        } else {
            head = add(QStringLiteral("change %1").arg(k),
                       head.isEmpty() ? QStringList() : QStringList { head }, k);
        }
        g.mainLine.push_back(head);
        g.mainTime.push_back(t);
    }

    store::DeliveryWriter writer(batch);
    for (std::int64_t n = 1; n <= shape.prs; ++n) {
        store::PullRequestRecord p;
        p.provider = QStringLiteral("github");
        p.project = QStringLiteral("acme/shop");
        p.number = n;
        p.title = QStringLiteral("Feature %1").arg(n);
        const bool bot = n % 10 == 0;
        p.author = bot ? QStringLiteral("dependabot[bot]") : QStringLiteral("dev%1").arg(n % 17);
        p.headRef
            = bot ? QStringLiteral("dependabot/npm/lib-%1").arg(n) : QStringLiteral("feature/%1").arg(n);
        p.headSha = sha(std::uint64_t(n) * 4 + 1000000001);
        if (n % 50 == 0)
            p.labels = { QStringLiteral("hotfix") };
        p.hasCommits = true;
        for (int c = 0; c < 2; ++c) {
            store::PrCommitRecord own;
            own.sha = c == 1 ? p.headSha : sha(std::uint64_t(n) * 4 + 2000000001);
            own.authoredAt = kEpochMs + n * 3 * kHourMs;
            own.headline = QStringLiteral("part %1 of feature %2").arg(c).arg(n);
            p.commits.push_back(own);
        }
        writer.upsertPullRequest(p);
    }

    // Deployments: six streams (three services × production, staging) walking the main line.
    const std::int64_t perStream = std::max<std::int64_t>(1, shape.deployments / 6);
    const auto lineSize = std::int64_t(g.mainLine.size());
    for (std::int64_t k = 0; k < shape.deployments; ++k) {
        const std::int64_t stream = k % 6;
        const std::int64_t step = k / 6;
        std::int64_t at = std::min(lineSize - 1, step * lineSize / perStream);
        if (step % 50 == 49 && step >= 2)
            at = std::min(lineSize - 1, (step - 2) * lineSize / perStream); // a rollback
        store::DeploymentRecord d;
        d.provider = QStringLiteral("argocd");
        d.externalId
            = QStringLiteral("%1/%2#%3").arg(QLatin1String(kServices[stream % 3])).arg(stream / 3).arg(step);
        d.service = QLatin1String(kServices[stream % 3]);
        d.environment = stream < 3 ? QStringLiteral("production") : QStringLiteral("staging");
        d.status = step % 25 == 7 ? QStringLiteral("failure")
            : step % 100 == 99    ? QStringLiteral("running")
                                  : QStringLiteral("success");
        d.commitSha = g.mainLine[size_t(at)];
        d.ref = step % 200 == 11 ? QStringLiteral("hotfix/%1").arg(step) : QStringLiteral("main");
        d.repository = QStringLiteral("acme/shop");
        d.finishedAt = g.mainTime[size_t(at)] + 30 * 60 * 1000 + stream * 60 * 1000
            + (step % 50 == 49 ? 4 * kHourMs : 0);
        d.startedAt = *d.finishedAt - 5 * 60 * 1000;
        writer.upsertDeployment(d);
    }

    const std::int64_t span = g.mainTime.back() - g.mainTime.front();
    for (std::int64_t k = 0; k < shape.incidents; ++k) {
        store::IncidentRecord i;
        i.provider = QStringLiteral("pagerduty");
        i.externalId = QStringLiteral("P%1").arg(k);
        i.title = QStringLiteral("incident %1").arg(k);
        i.service = QLatin1String(kServices[mix(std::uint64_t(k)) % 3]);
        i.createdAt = g.mainTime.front() + std::int64_t(mix(std::uint64_t(k) + 7) % std::uint64_t(span));
        i.resolvedAt
            = i.createdAt + std::int64_t(10 + mix(std::uint64_t(k) + 9) % 170) * 60 * 1000; // 10 min … 3 h
        if (k % 10 == 3)
            i.causedByCommitSha = g.mainLine[size_t(mix(std::uint64_t(k) + 11) % std::uint64_t(lineSize))];
        if (k % 20 == 5)
            i.causedByPr = QStringLiteral("https://github.com/acme/shop/pull/%1")
                               .arg(1 + k % std::max<std::int64_t>(1, shape.prs));
        writer.upsertIncident(i);
    }

    store::CiWriter ci(batch);
    for (std::int64_t k = 0; k < shape.runs; ++k) {
        store::CiRun r;
        r.provider = QStringLiteral("github");
        r.project = QStringLiteral("acme/shop");
        r.externalId = QString::number(900000 + k);
        const std::int64_t n = 1 + k % std::max<std::int64_t>(1, shape.prs);
        r.headSha = k % 2 ? sha(std::uint64_t(n) * 4 + 1000000001) : g.mainLine[size_t(k % lineSize)];
        if (k % 3 == 0)
            r.prNumber = n;
        r.status = QStringLiteral("completed");
        r.conclusion = QStringLiteral("success");
        ci.upsertRun(r);
    }
    batch.commit();
    return g;
}

std::int64_t parse(int& i, int argc, char** argv)
{
    if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", argv[i]);
        std::exit(2);
    }
    return std::strtoll(argv[++i], nullptr, 10);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    Shape shape;
    QString keep;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--commits"))
            shape.commits = parse(i, argc, argv);
        else if (!std::strcmp(argv[i], "--deployments"))
            shape.deployments = parse(i, argc, argv);
        else if (!std::strcmp(argv[i], "--incidents"))
            shape.incidents = parse(i, argc, argv);
        else if (!std::strcmp(argv[i], "--prs"))
            shape.prs = parse(i, argc, argv);
        else if (!std::strcmp(argv[i], "--runs"))
            shape.runs = parse(i, argc, argv);
        else if (!std::strcmp(argv[i], "--keep") && i + 1 < argc)
            keep = QString::fromLocal8Bit(argv[++i]);
        else {
            std::fprintf(stderr,
                         "usage: %s [--commits N] [--deployments D] [--incidents I] [--prs P] [--runs R] "
                         "[--keep DIR]\n",
                         argv[0]);
            return 2;
        }
    }
    QTemporaryDir tmp;
    const QString dir = keep.isEmpty() ? tmp.path() : keep;
    QDir().mkpath(dir);
    const QString path = dir + QStringLiteral("/link-bench.faultline");
    QFile::remove(path);

    try {
        auto ws = store::Workspace::create(path);
        QElapsedTimer timer;
        timer.start();
        generate(ws, shape);
        std::printf("generated %" PRId64 " commits, %" PRId64 " deployments, %" PRId64 " incidents, %" PRId64
                    " PRs, %" PRId64 " runs in %.1f s\n",
                    shape.commits, shape.deployments, shape.incidents, shape.prs, shape.runs,
                    double(timer.elapsed()) / 1000.0);

        importers::LinkSummary first;
        double relinkS = 0;
        double commitS = 0;
        {
            store::ImportBatch batch(
                ws, { QStringLiteral("bench"), QStringLiteral("bench:link"), QByteArray("relink") });
            timer.restart();
            first = importers::link::relink(batch);
            relinkS = double(timer.nsecsElapsed()) / 1e9;
            timer.restart();
            batch.commit();
            commitS = double(timer.nsecsElapsed()) / 1e9;
        }
        double againS = 0;
        importers::LinkSummary second;
        {
            store::ImportBatch batch(
                ws, { QStringLiteral("bench"), QStringLiteral("bench:link"), QByteArray("again") });
            timer.restart();
            second = importers::link::relink(batch);
            againS = double(timer.nsecsElapsed()) / 1e9;
            batch.commit();
        }
        std::printf("relink: %" PRId64 " changeset rows, %" PRId64 " incident links, %" PRId64
                    " PR-commit links, %" PRId64 " PR-run links, %" PRId64 " rollbacks, %" PRId64
                    " unplanned, %" PRId64 " bot PRs; %" PRId64 " rows written\n",
                    first.changesetRows, first.incidentLinks, first.prCommitLinks, first.prRunLinks,
                    first.rollbacks, first.unplanned, first.botPullRequests, first.rowsChanged);
        std::printf("relink (first):  %.3f s (+ commit %.3f s)\n", relinkS, commitS);
        std::printf("relink (again):  %.3f s, %" PRId64 " rows changed\n", againS, second.rowsChanged);

        // Baseline: as many rows as the first relink wrote, single-row prepared INSERTs into links.
        const std::int64_t rows = first.rowsChanged;
        const QString basePath = dir + QStringLiteral("/baseline.faultline");
        QFile::remove(basePath);
        auto base = store::Workspace::create(basePath);
        struct Row
        {
            std::int64_t from, to;
            QByteArray reason, detail;
        };
        std::vector<Row> prepared;
        prepared.reserve(size_t(rows));
        for (std::int64_t k = 0; k < rows; ++k)
            prepared.push_back(
                { k, k % 100000, QByteArrayLiteral("time-window"),
                  QByteArray("finished ") + QByteArray::number(k % 72) + " h before the incident" });
        timer.restart();
        {
            store::SqliteTransaction tx(base.db());
            auto insert = base.db().prepare("INSERT INTO links (kind, from_type, from_id, to_type, to_id, "
                                            "reason, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
            for (const Row& r : prepared) {
                insert.reset();
                insert.bind(1, std::string_view("incident_deployment")).bind(2, std::string_view("incident"));
                insert.bind(3, r.from).bind(4, std::string_view("deployment")).bind(5, r.to);
                insert.bind(6, r.reason).bind(7, r.detail);
                insert.exec();
            }
            tx.commit();
        }
        const double baseS = double(timer.nsecsElapsed()) / 1e9;
        std::printf("baseline insert loop of %" PRId64 " rows: %.3f s\n", rows, baseS);
        std::printf("relink / baseline: %.2f (relink computes everything from scratch and writes %" PRId64
                    " rows; the loop only writes them)\n",
                    relinkS / baseS, rows);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_link: %s\n", e.what());
        return 1;
    }
    return 0;
}
