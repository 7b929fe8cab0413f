#include "metrics_report.h"

#include "store/activity_queries.h"
#include "store/ci_failure_queries.h"
#include "store/delivery_queries.h"
#include "store/incident_queries.h"
#include "store/lead_time_queries.h"
#include "store/link_store.h"
#include "store/pipeline_queries.h"
#include "store/rework_queries.h"
#include "store/sqlite_database.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <stdexcept>

namespace faultline::metrics {

namespace {

constexpr std::int64_t kDayMs = 86400LL * 1000;

QRegularExpression stagingRule(const store::SqliteDatabase& db)
{
    QString pattern = store::workspaceSetting(db, QString::fromLatin1(kStagingKey));
    if (pattern.isEmpty())
        pattern = QString::fromLatin1(kDefaultStagingRule);
    QRegularExpression re(pattern, QRegularExpression::CaseInsensitiveOption);
    if (!re.isValid())
        throw std::invalid_argument(QStringLiteral("workspace setting %1: not a regular expression: %2")
                                        .arg(QString::fromLatin1(kStagingKey), re.errorString())
                                        .toStdString());
    return re;
}

// Second half ÷ first half of the period: how fast a count grows; null when the first half has none.
std::optional<double> growth(const std::vector<std::int64_t>& times, std::int64_t from, std::int64_t to)
{
    const std::int64_t middle = from + (to - from) / 2;
    double first = 0;
    double second = 0;
    for (const std::int64_t t : times) {
        if (t >= from && t < middle)
            ++first;
        else if (t >= middle && t < to)
            ++second;
    }
    if (first == 0)
        return std::nullopt;
    return second / first;
}

ArchetypeInputs archetypeInputsOf(const MetricsReport& r, const store::DoraFacts& dora,
                                  const store::LeadTimeFacts& lead)
{
    ArchetypeInputs in;
    in.deploymentsPerDay = r.dora.all.frequency.perDay;
    int failed = 0;
    int finished = 0;
    for (const StageTiming& stage : r.pipeline.stages) {
        failed += stage.failed;
        finished += stage.finished;
    }
    if (finished > 0)
        in.ciFailureRate = double(failed) / double(finished);
    const auto& all = r.leadTime.stages[size_t(Segment::All)];
    in.coding = all[size_t(LeadStage::Coding)].medianHours;
    in.pickup = all[size_t(LeadStage::Pickup)].medianHours;
    in.review = all[size_t(LeadStage::Review)].medianHours;
    in.ciWait = all[size_t(LeadStage::CiWait)].medianHours;
    in.deploy = all[size_t(LeadStage::Deploy)].medianHours;
    double largest = 0;
    for (const auto& [stage, minutes] : r.pipeline.ciMinutes.byStage) {
        if (minutes > largest) {
            largest = minutes;
            in.largestCiStage = stage;
        }
    }
    if (r.pipeline.ciMinutes.total > 0 && r.pipeline.ciMinutes.byStage.count(QStringLiteral("test")))
        in.testShareOfCiMinutes
            = r.pipeline.ciMinutes.byStage.at(QStringLiteral("test")) / r.pipeline.ciMinutes.total;

    std::vector<std::int64_t> merges;
    for (const store::LeadTimePr& pr : lead.prs)
        if (!pr.isBot)
            merges.push_back(pr.mergedAt);
    const QRegularExpression production(r.options.environmentRule, QRegularExpression::CaseInsensitiveOption);
    std::vector<std::int64_t> deploys;
    for (const store::DoraDeployment& d : dora.deployments) {
        const bool isProduction = r.options.environmentRule.isEmpty()
            ? d.isProduction
            : production.match(d.environment).hasMatch();
        if (isProduction && d.status == QLatin1String("success") && d.at)
            deploys.push_back(*d.at);
    }
    in.prVolumeGrowth = growth(merges, r.options.fromMs, r.options.toMs);
    in.deploymentGrowth = growth(deploys, r.options.fromMs, r.options.toMs);
    return in;
}

} // namespace

QHash<QString, double> parseRunnerRates(const QString& text)
{
    QHash<QString, double> rates;
    if (text.trimmed().isEmpty())
        return rates;
    const QString key = QString::fromLatin1(kRunnerRatesKey);
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isObject())
        throw std::invalid_argument(
            QStringLiteral(
                "workspace setting %1: expected a JSON object of rates per runner label, found \"%2\"")
                .arg(key, text)
                .toStdString());
    const QJsonObject object = doc.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().isDouble() || it.value().toDouble() < 0)
            throw std::invalid_argument(
                QStringLiteral("workspace setting %1: the rate of \"%2\" is not a non-negative number")
                    .arg(key, it.key())
                    .toStdString());
        rates.insert(it.key(), it.value().toDouble());
    }
    return rates;
}

namespace {

QHash<QString, double> runnerRates(const store::SqliteDatabase& db)
{
    return parseRunnerRates(store::workspaceSetting(db, QString::fromLatin1(kRunnerRatesKey)));
}

} // namespace

std::optional<std::pair<std::int64_t, std::int64_t>> defaultWindow(const store::SqliteDatabase& db)
{
    const auto latest = store::latestActivityMs(db);
    if (!latest)
        return std::nullopt;
    const std::int64_t to = (*latest / kDayMs + 1) * kDayMs;
    return std::pair { to - 90 * kDayMs, to };
}

void validateMetricsSettings(const store::SqliteDatabase& db)
{
    runnerRates(db);
    stagingRule(db);
}

MetricsFacts loadMetricsFacts(const store::SqliteDatabase& db, const MetricsOptions& options)
{
    MetricsFacts f;
    f.runnerRates = runnerRates(db);
    f.stagingRule = stagingRule(db);
    f.dora = store::loadDoraFacts(db, options.fromMs, options.toMs);
    f.leadTime = store::loadLeadTimeFacts(db, options.fromMs, options.toMs);
    f.pipeline = store::loadPipelineFacts(db, options.fromMs, options.toMs);
    f.ciFailures = store::loadCiFailureFacts(db, options.fromMs, options.toMs);
    f.rework = store::loadReworkFacts(db, options.fromMs, options.toMs);
    f.incidents = store::loadIncidentFacts(db, options.fromMs, options.toMs);
    return f;
}

MetricsReport buildMetricsReport(const MetricsFacts& facts, const MetricsOptions& options)
{
    MetricsReport r;
    r.options = options;
    r.dora = computeDora(facts.dora, options);
    r.leadTime = computeLeadTimeBreakdown(facts.leadTime, options, facts.stagingRule);
    r.pipeline = computePipelineMetrics(facts.pipeline, facts.runnerRates);
    r.ciFailures = computeCiFailures(facts.ciFailures, options);
    r.rework = computeCodeRework(facts.rework, options);
    r.repeats = computeRepeatIncidents(facts.incidents, options);
    r.archetypeInputs = archetypeInputsOf(r, facts.dora, facts.leadTime);
    r.archetype = classifyArchetype(r.archetypeInputs);
    return r;
}

MetricsReport buildMetricsReport(const store::SqliteDatabase& db, const MetricsOptions& options)
{
    return buildMetricsReport(loadMetricsFacts(db, options), options);
}

} // namespace faultline::metrics
