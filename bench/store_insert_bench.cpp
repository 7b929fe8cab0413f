// Bulk insert throughput of the store: BulkWriter (multi-row prepared INSERTs, what importers use)
// against the baseline the developers' guide names, a plain single-row prepared-statement loop,
// both inside one transaction into the same schema. Run:
//   cmake --preset release && cmake --build --preset release --target bench_store_insert
//   build/release/bench/bench_store_insert
// and compare items_per_second of the rows with the same row count.
#include "store/bulk_writer.h"
#include "store/workspace.h"

#include <QFile>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <string>

using namespace faultline::store;

namespace {

const std::vector<std::string> kColumns { "provider", "project", "external_id", "attempt", "workflow", "name", "event",
    "status", "conclusion", "head_sha", "head_branch", "created_at", "started_at", "finished_at", "duration_ms" };

struct Row
{
    std::string id;
    std::string sha;
    std::int64_t t;
};

Row makeRow(std::int64_t i)
{
    return { std::to_string(9000000000LL + i), std::string(40, char('a' + i % 6)), 1700000000000LL + i * 1000 };
}

Workspace freshWorkspace(QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("bench.faultline"));
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    return Workspace::create(path);
}

void BM_PlainPreparedLoop(benchmark::State& state)
{
    const auto rows = state.range(0);
    QTemporaryDir dir;
    for (auto _ : state) {
        state.PauseTiming();
        auto ws = freshWorkspace(dir);
        state.ResumeTiming();
        SqliteTransaction tx(ws.db());
        auto stmt = ws.db().prepare("INSERT INTO pipeline_runs (provider, project, external_id, attempt, workflow, "
                                    "name, event, status, conclusion, head_sha, head_branch, created_at, started_at, "
                                    "finished_at, duration_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                                    "ON CONFLICT DO NOTHING");
        for (std::int64_t i = 0; i < rows; ++i) {
            const Row r = makeRow(i);
            stmt.bind(1, "github").bind(2, "acme/shop").bind(3, r.id).bind(4, 1).bind(5, "CI").bind(6, "Build");
            stmt.bind(7, "push").bind(8, "completed").bind(9, "success").bind(10, r.sha).bind(11, "main");
            stmt.bind(12, r.t).bind(13, r.t + 5000).bind(14, r.t + 65000).bind(15, std::int64_t(60000));
            stmt.exec();
        }
        tx.commit();
    }
    state.SetItemsProcessed(state.iterations() * rows);
}

void BM_BulkWriter(benchmark::State& state)
{
    const auto rows = state.range(0);
    const int perStatement = int(state.range(1));
    QTemporaryDir dir;
    for (auto _ : state) {
        state.PauseTiming();
        auto ws = freshWorkspace(dir);
        state.ResumeTiming();
        SqliteTransaction tx(ws.db());
        BulkWriter w(ws.db(), { "pipeline_runs", kColumns }, perStatement);
        for (std::int64_t i = 0; i < rows; ++i) {
            const Row r = makeRow(i);
            w.value("github").value("acme/shop").value(r.id).value(1).value("CI").value("Build").value("push");
            w.value("completed").value("success").value(r.sha).value("main").value(r.t).value(r.t + 5000);
            w.value(r.t + 65000).value(std::int64_t(60000));
            w.endRow();
        }
        w.flush();
        tx.commit();
    }
    state.SetItemsProcessed(state.iterations() * rows);
}

} // namespace

BENCHMARK(BM_PlainPreparedLoop)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BulkWriter)
    ->Args({ 100000, 1 })
    ->Args({ 100000, 16 })
    ->Args({ 100000, 64 })
    ->Args({ 100000, 256 })
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
