#include "metrics_table.h"

#include <QDateTime>
#include <QTimeZone>

namespace faultline::cli {

namespace {

using metrics::Segment;

QString value(const std::optional<double>& v, int decimals = 1, const char* unit = "")
{
    return v ? QString::number(*v, 'f', decimals) + QString::fromUtf8(unit) : QStringLiteral("–");
}

QString percent(const std::optional<double>& v)
{
    return v ? QString::number(*v * 100.0, 'f', 1) + QStringLiteral(" %") : QStringLiteral("–");
}

QString withN(const QString& text, qint64 n)
{
    return QStringLiteral("%1 (n=%2)").arg(text).arg(n);
}

void row(QTextStream& out, const QString& label, const QStringList& cells)
{
    out << label.leftJustified(34);
    for (const QString& cell : cells)
        out << cell.rightJustified(24);
    out << '\n';
}

QString date(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd"));
}

} // namespace

void printMetricsTable(QTextStream& out, const metrics::MetricsReport& r)
{
    out << "Period " << date(r.options.fromMs) << " to " << date(r.options.toMs) << " (exclusive), UTC\n\n";
    const auto& all = r.dora.all;
    const auto& ai = r.dora.ai;
    const auto& notAi = r.dora.notAi;
    row(out, QString(),
        { QStringLiteral("all"), QStringLiteral("AI-assisted"), QStringLiteral("not AI-assisted") });
    auto dora = [&](const QString& label, auto cell) {
        row(out, label, { cell(all), cell(ai), cell(notAi) });
    };
    dora(QStringLiteral("Deployments"),
         [](const metrics::DoraSegment& s) { return QString::number(s.frequency.deployments); });
    dora(QStringLiteral("Deployment frequency (per day)"),
         [](const metrics::DoraSegment& s) { return value(s.frequency.perDay, 2); });
    dora(QStringLiteral("Lead time, median (h)"),
         [](const metrics::DoraSegment& s) { return withN(value(s.leadTime.medianHours), s.leadTime.n); });
    dora(QStringLiteral("Change failure rate"), [](const metrics::DoraSegment& s) {
        return withN(percent(s.changeFailureRate.value), s.changeFailureRate.n);
    });
    dora(QStringLiteral("Recovery time, median (h)"), [](const metrics::DoraSegment& s) {
        return withN(value(s.recoveryTime.medianHours), s.recoveryTime.n);
    });
    dora(QStringLiteral("Deployment rework rate"),
         [](const metrics::DoraSegment& s) { return withN(percent(s.reworkRate.value), s.reworkRate.n); });
    dora(QStringLiteral("Sample"), [](const metrics::DoraSegment& s) {
        return s.smallSample ? QStringLiteral("too few to compare") : QStringLiteral("ok");
    });

    out << "\nLead-time breakdown, median hours (n)\n";
    for (int stage = 0; stage < metrics::kLeadStages; ++stage) {
        QStringList cells;
        for (const Segment segment : metrics::kSegments) {
            const auto& m = r.leadTime.stages[size_t(segment)][size_t(stage)];
            cells << withN(value(m.medianHours), m.n);
        }
        row(out, QStringLiteral("  ") + QString::fromLatin1(metrics::leadStageKey(metrics::LeadStage(stage))),
            cells);
    }
    out << "  CI overhead (CI wait ÷ coding): " << percent(r.leadTime.ciOverhead.medianHours)
        << " (n=" << r.leadTime.ciOverhead.n << ")\n";

    out << "\nCI stages\n";
    for (const auto& s : r.pipeline.stages)
        out << "  " << s.stage.leftJustified(10) << " p50 " << value(s.p50s, 0, " s") << ", p90 "
            << value(s.p90s, 0, " s") << ", " << percent(s.share) << " of run time, queue "
            << value(s.queueP50s, 0, " s") << ", failures " << percent(s.failureRate) << ", retries "
            << percent(s.retryRate) << " (" << s.runs << " runs)\n";
    out << "  CI minutes: " << QString::number(r.pipeline.ciMinutes.total, 'f', 1);
    if (r.pipeline.ciMinutes.estimatedCost)
        out << ", estimated cost " << QString::number(*r.pipeline.ciMinutes.estimatedCost, 'f', 2);
    out << '\n';
    for (const auto& c : r.pipeline.cache)
        out << "  cache " << c.step << ": " << c.hits << " hits, " << c.misses << " misses, saving "
            << value(c.estimatedSavingS, 0, " s") << '\n';

    out << "  CI failures: " << r.ciFailures.failedJobs << " failed jobs in " << r.ciFailures.clusters.size()
        << " clusters; " << r.ciFailures.flakyTests.size() << " flaky tests (" << r.ciFailures.flakyResults
        << " results)\n";
    for (size_t i = 0; i < r.ciFailures.clusters.size() && i < 5; ++i) {
        const auto& c = r.ciFailures.clusters[i];
        out << "  " << c.count << "× " << c.job << ": " << c.errorLine << '\n';
    }
    for (size_t i = 0; i < r.ciFailures.flakyTests.size() && i < 5; ++i) {
        const auto& t = r.ciFailures.flakyTests[i];
        out << "  flaky " << t.test << ": " << t.results << " results on " << t.commits << " commits\n";
    }

    out << "\nCode rework (churn within " << r.rework.churnWindowDays << " days)\n";
    row(out, QStringLiteral("  churn rate"),
        { withN(percent(r.rework.all.churnRate), r.rework.all.addedLines),
          withN(percent(r.rework.ai.churnRate), r.rework.ai.addedLines),
          withN(percent(r.rework.notAi.churnRate), r.rework.notAi.addedLines) });
    for (size_t i = 0; i < r.rework.hotspots.size() && i < 10; ++i) {
        const auto& h = r.rework.hotspots[i];
        out << "  " << h.path << ": " << h.churnedLines << " churned lines, AI share " << percent(h.aiShare)
            << '\n';
    }

    out << "\nRepeat incidents: " << r.repeats.repeats << " of " << r.repeats.incidents << " ("
        << percent(r.repeats.repeatRate) << ")\n";
    for (size_t i = 0; i < r.repeats.clusters.size() && i < 10; ++i) {
        const auto& c = r.repeats.clusters[i];
        out << "  " << c.count << "× " << c.service << ": " << c.fingerprint << '\n';
    }

    out << "\nArchetype (heuristic): "
        << (r.archetype.label.isEmpty() ? QStringLiteral("none fits") : r.archetype.label) << '\n';
    for (const QString& reason : r.archetype.because)
        out << "  - " << reason << '\n';
}

} // namespace faultline::cli
