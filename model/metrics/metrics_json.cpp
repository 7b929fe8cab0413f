#include "metrics_json.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

#include <cmath>

namespace faultline::metrics {

namespace {

QJsonValue num(double value)
{
    return QJsonValue(std::round(value * 1e6) / 1e6);
}

QJsonValue num(const std::optional<double>& value)
{
    return value ? num(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue iso(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

QJsonValue interval(const std::optional<std::pair<double, double>>& ci)
{
    if (!ci)
        return QJsonValue::Null;
    return QJsonArray { num(ci->first), num(ci->second) };
}

QJsonObject segmentJson(const DoraSegment& s)
{
    return QJsonObject {
        { QStringLiteral("deployments"), qint64(s.frequency.deployments) },
        { QStringLiteral("deployment_frequency_per_day"), num(s.frequency.perDay) },
        { QStringLiteral("deploy_days_per_week_median"), num(s.frequency.deployDaysPerWeekMedian) },
        { QStringLiteral("lead_time_hours"),
          QJsonObject { { QStringLiteral("median"), num(s.leadTime.medianHours) },
                        { QStringLiteral("p90"), num(s.leadTime.p90Hours) },
                        { QStringLiteral("n"), qint64(s.leadTime.n) } } },
        { QStringLiteral("change_failure_rate"),
          QJsonObject { { QStringLiteral("value"), num(s.changeFailureRate.value) },
                        { QStringLiteral("ci95"), interval(s.changeFailureRate.ci95) },
                        { QStringLiteral("failed"), qint64(s.changeFailureRate.count) },
                        { QStringLiteral("n"), qint64(s.changeFailureRate.n) } } },
        { QStringLiteral("recovery_time_hours"),
          QJsonObject { { QStringLiteral("median"), num(s.recoveryTime.medianHours) },
                        { QStringLiteral("n"), qint64(s.recoveryTime.n) } } },
        { QStringLiteral("rework_rate"),
          QJsonObject { { QStringLiteral("value"), num(s.reworkRate.value) },
                        { QStringLiteral("ci95"), interval(s.reworkRate.ci95) },
                        { QStringLiteral("unplanned"), qint64(s.reworkRate.count) },
                        { QStringLiteral("n"), qint64(s.reworkRate.n) } } },
        { QStringLiteral("small_sample"), s.smallSample },
    };
}

QJsonObject breakdownJson(const LeadTimeBreakdown& b, Segment segment)
{
    QJsonObject out;
    for (int stage = 0; stage < kLeadStages; ++stage)
        out.insert(QString::fromLatin1(leadStageKey(LeadStage(stage))),
                   num(b.stages[size_t(segment)][size_t(stage)].medianHours));
    QJsonObject n;
    for (int stage = 0; stage < kLeadStages; ++stage)
        n.insert(QString::fromLatin1(leadStageKey(LeadStage(stage))),
                 b.stages[size_t(segment)][size_t(stage)].n);
    out.insert(QStringLiteral("n"), n);
    return out;
}

QJsonObject minutesJson(const std::map<QString, double>& minutes)
{
    QJsonObject out;
    for (const auto& [key, value] : minutes)
        out.insert(key, num(value));
    return out;
}

QJsonObject reworkJson(const ReworkSegment& s)
{
    return QJsonObject { { QStringLiteral("added_lines"), qint64(s.addedLines) },
                         { QStringLiteral("churned_lines"), qint64(s.churnedLines) },
                         { QStringLiteral("churn_rate"), num(s.churnRate) },
                         { QStringLiteral("commits"), qint64(s.commits) },
                         { QStringLiteral("small_sample"), s.tooFewToCompare } };
}

} // namespace

QJsonObject toJson(const MetricsReport& r)
{
    QJsonObject segments;
    for (const Segment segment : kSegments)
        segments.insert(QString::fromLatin1(segmentKey(segment)), segmentJson(r.dora.segment(segment)));

    QJsonObject breakdown;
    for (const Segment segment : kSegments)
        breakdown.insert(QString::fromLatin1(segmentKey(segment)), breakdownJson(r.leadTime, segment));

    QJsonArray stages;
    for (const StageTiming& s : r.pipeline.stages)
        stages.append(QJsonObject { { QStringLiteral("stage"), s.stage },
                                    { QStringLiteral("p50_s"), num(s.p50s) },
                                    { QStringLiteral("p90_s"), num(s.p90s) },
                                    { QStringLiteral("share"), num(s.share) },
                                    { QStringLiteral("queue_p50_s"), num(s.queueP50s) },
                                    { QStringLiteral("failure_rate"), num(s.failureRate) },
                                    { QStringLiteral("retry_rate"), num(s.retryRate) },
                                    { QStringLiteral("runs"), s.runs },
                                    { QStringLiteral("jobs"), s.jobs } });

    QJsonArray cache;
    for (const CacheSaving& c : r.pipeline.cache)
        cache.append(QJsonObject { { QStringLiteral("step"), c.step },
                                   { QStringLiteral("hits"), c.hits },
                                   { QStringLiteral("misses"), c.misses },
                                   { QStringLiteral("median_hit_s"), num(c.medianHitS) },
                                   { QStringLiteral("median_miss_s"), num(c.medianMissS) },
                                   { QStringLiteral("estimated_saving_s"), num(c.estimatedSavingS) } });

    QJsonArray hotspots;
    for (const ReworkHotspot& h : r.rework.hotspots)
        hotspots.append(QJsonObject { { QStringLiteral("repo"), h.repo },
                                      { QStringLiteral("path"), h.path },
                                      { QStringLiteral("churned_lines"), qint64(h.churnedLines) },
                                      { QStringLiteral("ai_share"), num(h.aiShare) },
                                      { QStringLiteral("commits"), qint64(h.commits) },
                                      { QStringLiteral("lines_at_head"),
                                        h.linesAtHead ? QJsonValue(qint64(*h.linesAtHead)) : QJsonValue() },
                                      { QStringLiteral("churn_rate"), num(h.churnRate) } });

    QJsonArray clusters;
    for (const RepeatIncidentCluster& c : r.repeats.clusters)
        clusters.append(
            QJsonObject { { QStringLiteral("fingerprint"), c.fingerprint },
                          { QStringLiteral("service"), c.service },
                          { QStringLiteral("count"), c.count },
                          { QStringLiteral("repeats"), c.repeats },
                          { QStringLiteral("first"), iso(c.firstMs) },
                          { QStringLiteral("last"), iso(c.lastMs) },
                          { QStringLiteral("median_interval_hours"), num(c.medianIntervalHours) },
                          { QStringLiteral("median_recovery_hours"), num(c.medianRecoveryHours) },
                          { QStringLiteral("ai_share"), num(c.aiShare) },
                          { QStringLiteral("deployments"), QJsonArray::fromStringList(c.deployments) },
                          { QStringLiteral("files"), QJsonArray::fromStringList(c.files) } });

    // The JSON lists the largest clusters and flakiest tests; the counts cover all of them.
    constexpr qsizetype kListed = 20;
    QJsonArray ciClusters;
    for (const CiFailureCluster& c : r.ciFailures.clusters) {
        if (ciClusters.size() == kListed)
            break;
        ciClusters.append(QJsonObject { { QStringLiteral("fingerprint"), c.fingerprint },
                                        { QStringLiteral("service"), c.service },
                                        { QStringLiteral("job"), c.job },
                                        { QStringLiteral("error_line"), c.errorLine },
                                        { QStringLiteral("count"), qint64(c.count) },
                                        { QStringLiteral("runs"), qint64(c.runs) },
                                        { QStringLiteral("commits"), qint64(c.commits) },
                                        { QStringLiteral("first"), iso(c.firstMs) },
                                        { QStringLiteral("last"), iso(c.lastMs) } });
    }
    QJsonArray flakyTests;
    for (const FlakyTest& t : r.ciFailures.flakyTests) {
        if (flakyTests.size() == kListed)
            break;
        flakyTests.append(QJsonObject { { QStringLiteral("test"), t.test },
                                        { QStringLiteral("results"), qint64(t.results) },
                                        { QStringLiteral("commits"), qint64(t.commits) },
                                        { QStringLiteral("last"), iso(t.lastMs) } });
    }

    QJsonObject rework { { QStringLiteral("window_days"), r.rework.churnWindowDays } };
    for (const Segment segment : kSegments)
        rework.insert(QString::fromLatin1(segmentKey(segment)), reworkJson(r.rework.segment(segment)));

    return QJsonObject {
        { QStringLiteral("window"),
          QJsonObject { { QStringLiteral("from"), iso(r.options.fromMs) },
                        { QStringLiteral("to"), iso(r.options.toMs) } } },
        { QStringLiteral("segments"), segments },
        { QStringLiteral("lead_time_breakdown_hours"), breakdown },
        { QStringLiteral("ci_overhead"),
          QJsonObject { { QStringLiteral("median"), num(r.leadTime.ciOverhead.medianHours) },
                        { QStringLiteral("n"), r.leadTime.ciOverhead.n } } },
        { QStringLiteral("stages"), stages },
        { QStringLiteral("ci_minutes"),
          QJsonObject { { QStringLiteral("total"), num(r.pipeline.ciMinutes.total) },
                        { QStringLiteral("by_stage"), minutesJson(r.pipeline.ciMinutes.byStage) },
                        { QStringLiteral("by_runner"), minutesJson(r.pipeline.ciMinutes.byRunner) },
                        { QStringLiteral("by_week"), minutesJson(r.pipeline.ciMinutes.byWeek) },
                        { QStringLiteral("estimated_cost"), num(r.pipeline.ciMinutes.estimatedCost) } } },
        { QStringLiteral("cache"), cache },
        { QStringLiteral("ci_failures"),
          QJsonObject { { QStringLiteral("failed_jobs"), qint64(r.ciFailures.failedJobs) },
                        { QStringLiteral("cluster_count"), qint64(r.ciFailures.clusters.size()) },
                        { QStringLiteral("clusters"), ciClusters } } },
        { QStringLiteral("flaky_tests"),
          QJsonObject { { QStringLiteral("tests"), qint64(r.ciFailures.flakyTests.size()) },
                        { QStringLiteral("results"), qint64(r.ciFailures.flakyResults) },
                        { QStringLiteral("top"), flakyTests } } },
        { QStringLiteral("code_rework"), rework },
        { QStringLiteral("hotspots"), hotspots },
        { QStringLiteral("repeat_incidents"),
          QJsonObject { { QStringLiteral("incidents"), r.repeats.incidents },
                        { QStringLiteral("repeats"), r.repeats.repeats },
                        { QStringLiteral("repeat_rate"), num(r.repeats.repeatRate) },
                        { QStringLiteral("clusters"), clusters } } },
        { QStringLiteral("archetype"),
          QJsonObject { { QStringLiteral("label"),
                          r.archetype.label.isEmpty() ? QJsonValue() : QJsonValue(r.archetype.label) },
                        { QStringLiteral("because"), QJsonArray::fromStringList(r.archetype.because) } } },
    };
}

QByteArray toJsonText(const MetricsReport& report)
{
    return QJsonDocument(toJson(report)).toJson(QJsonDocument::Indented);
}

std::vector<MetricRow> metricRows(const MetricsReport& r)
{
    std::vector<MetricRow> out;
    auto row = [&out](QString metric, const char* segment, const std::optional<double>& value, qint64 n) {
        out.push_back({ std::move(metric), segment, value, n });
    };
    auto fixed = [&row](const char* metric, const char* segment, const std::optional<double>& value,
                        qint64 n) { row(QString::fromLatin1(metric), segment, value, n); };
    for (const Segment segment : kSegments) {
        const char* key = segmentKey(segment);
        const DoraSegment& s = r.dora.segment(segment);
        fixed("deployment_frequency_per_day", key, s.frequency.perDay, s.frequency.deployments);
        fixed("deploy_days_per_week_median", key, s.frequency.deployDaysPerWeekMedian,
              s.frequency.deployments);
        fixed("lead_time_hours_median", key, s.leadTime.medianHours, s.leadTime.n);
        fixed("lead_time_hours_p90", key, s.leadTime.p90Hours, s.leadTime.n);
        fixed("change_failure_rate", key, s.changeFailureRate.value, s.changeFailureRate.n);
        fixed("recovery_time_hours_median", key, s.recoveryTime.medianHours, s.recoveryTime.n);
        fixed("rework_rate", key, s.reworkRate.value, s.reworkRate.n);
        for (int stage = 0; stage < kLeadStages; ++stage) {
            const StageMedian& m = r.leadTime.stages[size_t(segment)][size_t(stage)];
            row(QStringLiteral("lead_time_breakdown_%1_hours")
                    .arg(QLatin1String(leadStageKey(LeadStage(stage)))),
                key, m.medianHours, m.n);
        }
        const ReworkSegment& rework = r.rework.segment(segment);
        fixed("code_churn_rate", key, rework.churnRate, rework.addedLines);
    }
    fixed("ci_overhead_median", "all", r.leadTime.ciOverhead.medianHours, r.leadTime.ciOverhead.n);
    fixed("repeat_incident_rate", "all", r.repeats.repeatRate, r.repeats.incidents);
    fixed("ci_minutes_total", "all", r.pipeline.ciMinutes.total, 0);
    fixed("ci_failed_jobs", "all", double(r.ciFailures.failedJobs), r.ciFailures.failedJobs);
    fixed("flaky_tests", "all", double(r.ciFailures.flakyTests.size()), r.ciFailures.flakyResults);
    return out;
}

QByteArray toCsv(const MetricsReport& r)
{
    QByteArray out("metric,segment,value,n\n");
    for (const MetricRow& row : metricRows(r)) {
        out += row.metric.toLatin1();
        out += ',';
        out += row.segment;
        out += ',';
        if (row.value)
            out += QByteArray::number(std::round(*row.value * 1e6) / 1e6, 'g', 15);
        out += ',';
        out += QByteArray::number(row.n);
        out += '\n';
    }
    return out;
}

} // namespace faultline::metrics
