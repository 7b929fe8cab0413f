#include "export_datasets.h"

#include "csv_writer.h"
#include "metrics/metrics_json.h"
#include "metrics/metrics_report.h"
#include "models/people_aliases.h"
#include "store/link_store.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace faultline::exporting {

namespace {

struct DatasetSpec
{
    Dataset dataset;
    const char* name;
    const char* description;
    std::optional<store::ExportTable> table; // raw tables
};

constexpr DatasetSpec kDatasets[] = {
    { Dataset::Deployments, "deployments", "one row per deployment (every environment)",
      store::ExportTable::Deployments },
    { Dataset::Commits, "commits", "one row per commit of every imported repository",
      store::ExportTable::Commits },
    { Dataset::Incidents, "incidents", "one row per incident", store::ExportTable::Incidents },
    { Dataset::Clusters, "clusters",
      "one row per repeat-incident cluster (kind incident) and per CI failure cluster (kind ci)",
      std::nullopt },
    { Dataset::Hotspots, "hotspots",
      "one row per file with churned lines (rework hotspots, most churned first)", std::nullopt },
    { Dataset::Stages, "stages", "one row per canonical CI stage (pipeline stage timing)", std::nullopt },
    { Dataset::Runs, "runs", "one row per CI run attempt", store::ExportTable::Runs },
    { Dataset::Jobs, "jobs", "one row per CI job of a run attempt", store::ExportTable::Jobs },
    { Dataset::Tests, "tests", "one row per test case result", store::ExportTable::Tests },
    { Dataset::PullRequests, "pull-requests", "one row per pull / merge request",
      store::ExportTable::PullRequests },
    { Dataset::Metrics, "metrics", "one row per metric and segment, as `faultline metrics --format csv`",
      std::nullopt },
};

const DatasetSpec& specOf(Dataset dataset)
{
    for (const DatasetSpec& spec : kDatasets) {
        if (spec.dataset == dataset)
            return spec;
    }
    return kDatasets[0];
}

const QStringList kClusterColumns {
    QStringLiteral("kind"),
    QStringLiteral("service"),
    QStringLiteral("fingerprint"),
    QStringLiteral("job"),
    QStringLiteral("error_line"),
    QStringLiteral("count"),
    QStringLiteral("repeats"),
    QStringLiteral("runs"),
    QStringLiteral("commits"),
    QStringLiteral("first_seen_at"),
    QStringLiteral("last_seen_at"),
    QStringLiteral("median_interval_s"),
    QStringLiteral("median_recovery_s"),
    QStringLiteral("resolved"),
    QStringLiteral("ai_share"),
    QStringLiteral("deployments"),
    QStringLiteral("files"),
};

const QStringList kHotspotColumns {
    QStringLiteral("repository"),  QStringLiteral("path"),       QStringLiteral("churned_lines"),
    QStringLiteral("ai_share"),    QStringLiteral("commits"),    QStringLiteral("lines_at_head"),
    QStringLiteral("added_lines"), QStringLiteral("churn_rate"),
};

const QStringList kStageColumns {
    QStringLiteral("stage"),         QStringLiteral("p50_s"),       QStringLiteral("p90_s"),
    QStringLiteral("share"),         QStringLiteral("queue_p50_s"), QStringLiteral("failure_rate"),
    QStringLiteral("retry_rate"),    QStringLiteral("runs"),        QStringLiteral("jobs"),
    QStringLiteral("finished_jobs"), QStringLiteral("failed_jobs"), QStringLiteral("ci_minutes"),
};

const QStringList kMetricColumns {
    QStringLiteral("metric"),
    QStringLiteral("segment"),
    QStringLiteral("value"),
    QStringLiteral("n"),
};

constexpr double kSecondsPerHour = 3600.0;

std::optional<double> hoursToSeconds(const std::optional<double>& hours)
{
    return hours ? std::optional<double>(*hours * kSecondsPerHour) : std::nullopt;
}

bool serviceSelected(const QString& service, const metrics::MetricsOptions& options)
{
    return options.services.isEmpty() || options.services.contains(service);
}

// ---- anonymising -------------------------------------------------------------------------------

// People's names as stable aliases over every person of the workspace, and the names, logins and
// emails people type into free text (branch names, titles, subjects) replaced by the same aliases.
class Anonymiser
{
public:
    explicit Anonymiser(const store::SqliteDatabase& db)
        : Anonymiser(db, store::exportPeopleNames(db))
    { }

    QString alias(const QString& name) const { return m_aliases.alias(name); }

    QString scrub(const QString& text) const
    {
        QString out = text;
        for (const QRegularExpression& pattern : m_patterns) {
            if (!pattern.match(out).hasMatch())
                continue;
            QString rewritten;
            qsizetype at = 0;
            for (auto it = pattern.globalMatch(out); it.hasNext();) {
                const QRegularExpressionMatch match = it.next();
                rewritten += QStringView(out).mid(at, match.capturedStart() - at);
                rewritten += m_byKey.value(match.captured().toLower());
                at = match.capturedEnd();
            }
            rewritten += QStringView(out).mid(at);
            out = rewritten;
        }
        return out;
    }

private:
    static constexpr qsizetype kShortestScrubbed = 3;
    static constexpr qsizetype kChunk = 400;
    // No person has this name: PeopleAliases maps it to its "Someone else".
    inline static const QString kNobody = QStringLiteral("\u0001");

    Anonymiser(const store::SqliteDatabase& db, const QStringList& names)
        : m_aliases(names)
    {
        QStringList keys;
        const auto add = [&](const QString& key, const QString& alias) {
            // Shorter names are too likely to be parts of ordinary words ("al", "jo").
            if (key.size() < kShortestScrubbed || m_byKey.contains(key.toLower()))
                return;
            m_byKey.insert(key.toLower(), alias);
            keys << key;
        };
        for (const QString& name : names)
            add(name, m_aliases.alias(name));
        for (const auto& [email, name] : store::exportPeopleEmails(db))
            add(email, m_aliases.alias(name.isEmpty() ? kNobody : name)); // "Someone else" for no name
        compile(keys);
    }

    // Longest first, so "Jan Kowalski" wins over "Jan"; in chunks, as one alternation of thousands of
    // names could pass the regex engine's compiled-size limit.
    void compile(QStringList keys)
    {
        std::sort(keys.begin(), keys.end(),
                  [](const QString& a, const QString& b) { return a.size() > b.size(); });
        for (qsizetype i = 0; i < keys.size(); i += kChunk) {
            QStringList escaped;
            for (const QString& key : keys.mid(i, kChunk))
                escaped << QRegularExpression::escape(key);
            m_patterns.emplace_back(QStringLiteral("(?<![\\p{L}\\p{N}_])(?:%1)(?![\\p{L}\\p{N}_])")
                                        .arg(escaped.join(QLatin1Char('|'))),
                                    QRegularExpression::CaseInsensitiveOption
                                        | QRegularExpression::UseUnicodePropertiesOption);
            // A pattern that does not compile would match nothing: names would go out unchanged.
            if (!m_patterns.back().isValid())
                throw std::invalid_argument("cannot anonymise free text: "
                                            + m_patterns.back().errorString().toStdString());
        }
    }

    models::PeopleAliases m_aliases;
    QHash<QString, QString> m_byKey; // lower-case name or email → alias
    std::vector<QRegularExpression> m_patterns;
};

// ---- raw tables --------------------------------------------------------------------------------

store::ExportFilter filterOf(const DatasetOptions& options)
{
    store::ExportFilter filter;
    filter.fromMs = options.metrics.fromMs;
    filter.toMs = options.metrics.toMs;
    filter.services = options.metrics.services;
    filter.segment = options.segment;
    filter.aiThreshold = options.metrics.aiThreshold;
    filter.anyAi = options.metrics.anyAi;
    return filter;
}

void writeCell(CsvWriter& writer, const store::ExportRow& row, int column, const store::ExportColumn& spec,
               const Anonymiser* anonymiser)
{
    if (row.isNull(column)) {
        writer.null();
        return;
    }
    switch (spec.kind) {
    case store::ExportKind::Integer:
    case store::ExportKind::Flag:
        writer.integer(row.integer(column));
        return;
    case store::ExportKind::Real:
        writer.number(row.real(column));
        return;
    case store::ExportKind::Time:
        writer.timestamp(row.integer(column));
        return;
    case store::ExportKind::DurationMs:
        writer.durationMs(row.integer(column));
        return;
    case store::ExportKind::Person:
        writer.unfilteredText(anonymiser ? anonymiser->alias(row.text(column)) : row.text(column));
        return;
    case store::ExportKind::Email:
        // Never the real address: the alias of the person the row names next to it.
        writer.unfilteredText(anonymiser ? anonymiser->alias(row.text(spec.personColumn)) : row.text(column));
        return;
    case store::ExportKind::Text:
        writer.text(row.text(column));
        return;
    }
}

std::int64_t writeTable(const store::SqliteDatabase& db, store::ExportTable table,
                        const DatasetOptions& options, const Anonymiser* anonymiser, CsvWriter& writer)
{
    const std::span<const store::ExportColumn> spec = store::exportColumns(table);
    QStringList header;
    for (const store::ExportColumn& column : spec)
        header << QString::fromLatin1(column.name);
    writer.writeHeader(header);
    return store::exportRows(db, table, filterOf(options), [&](const store::ExportRow& row) {
        for (int column = 0; column < int(spec.size()); ++column)
            writeCell(writer, row, column, spec[size_t(column)], anonymiser);
        writer.endRow();
    });
}

// ---- derived datasets --------------------------------------------------------------------------

std::int64_t writeClusters(const store::SqliteDatabase& db, const metrics::MetricsOptions& options,
                           CsvWriter& writer)
{
    writer.writeHeader(kClusterColumns);
    std::int64_t rows = 0;
    const metrics::RepeatIncidents repeats = metrics::computeRepeatIncidents(
        store::loadIncidentFacts(db, options.fromMs, options.toMs), options);
    for (const metrics::RepeatIncidentCluster& c : repeats.clusters) {
        writer.text(QStringLiteral("incident")).text(c.service).text(c.fingerprint).null().null();
        writer.integer(c.count).integer(c.repeats).null().null();
        writer.timestamp(c.firstMs).timestamp(c.lastMs);
        writer.number(hoursToSeconds(c.medianIntervalHours)).number(hoursToSeconds(c.medianRecoveryHours));
        writer.integer(c.resolved).number(c.aiShare);
        writer.text(c.deployments.join(QStringLiteral("; "))).text(c.files.join(QStringLiteral("; ")));
        writer.endRow();
        ++rows;
    }
    const metrics::CiFailures failures
        = metrics::computeCiFailures(store::loadCiFailureFacts(db, options.fromMs, options.toMs), options);
    for (const metrics::CiFailureCluster& c : failures.clusters) {
        if (!serviceSelected(c.service, options))
            continue;
        writer.text(QStringLiteral("ci")).text(c.service).text(c.fingerprint).text(c.job).text(c.errorLine);
        writer.integer(c.count).null().integer(c.runs).integer(c.commits);
        writer.timestamp(c.firstMs).timestamp(c.lastMs);
        writer.null().null().null().null().null().null();
        writer.endRow();
        ++rows;
    }
    return rows;
}

std::int64_t writeHotspots(const store::SqliteDatabase& db, const metrics::MetricsOptions& options,
                           CsvWriter& writer)
{
    writer.writeHeader(kHotspotColumns);
    // Every file with churn, not the report's top 50: a spreadsheet can sort and cut.
    const metrics::CodeRework rework
        = metrics::computeCodeRework(store::loadReworkFacts(db, options.fromMs, options.toMs), options, -1);
    for (const metrics::ReworkHotspot& h : rework.hotspots) {
        writer.text(h.repo).text(h.path).integer(h.churnedLines).number(h.aiShare).integer(h.commits);
        writer.integer(h.linesAtHead).integer(h.addedLines).number(h.churnRate);
        writer.endRow();
    }
    return std::int64_t(rework.hotspots.size());
}

std::int64_t writeStages(const store::SqliteDatabase& db, const metrics::MetricsOptions& options,
                         CsvWriter& writer)
{
    writer.writeHeader(kStageColumns);
    const QHash<QString, double> rates = metrics::parseRunnerRates(
        store::workspaceSetting(db, QString::fromLatin1(metrics::kRunnerRatesKey)));
    const metrics::PipelineMetrics pipeline
        = metrics::computePipelineMetrics(store::loadPipelineFacts(db, options.fromMs, options.toMs), rates);
    for (const metrics::StageTiming& s : pipeline.stages) {
        writer.text(s.stage).number(s.p50s).number(s.p90s).number(s.share).number(s.queueP50s);
        writer.number(s.failureRate).number(s.retryRate).integer(s.runs).integer(s.jobs);
        writer.integer(s.finished).integer(s.failed);
        const auto minutes = pipeline.ciMinutes.byStage.find(s.stage);
        writer.number(minutes == pipeline.ciMinutes.byStage.end() ? std::nullopt
                                                                  : std::optional<double>(minutes->second));
        writer.endRow();
    }
    return std::int64_t(pipeline.stages.size());
}

std::int64_t writeMetrics(const store::SqliteDatabase& db, const metrics::MetricsOptions& options,
                          CsvWriter& writer)
{
    writer.writeHeader(kMetricColumns);
    const std::vector<metrics::MetricRow> rows
        = metrics::metricRows(metrics::buildMetricsReport(db, options));
    for (const metrics::MetricRow& row : rows) {
        writer.text(row.metric).text(QString::fromLatin1(row.segment)).number(row.value).integer(row.n);
        writer.endRow();
    }
    return std::int64_t(rows.size());
}

std::int64_t writeRows(const store::SqliteDatabase& db, Dataset dataset, const DatasetOptions& options,
                       const Anonymiser* anonymiser, CsvWriter& writer)
{
    const DatasetSpec& spec = specOf(dataset);
    if (spec.table)
        return writeTable(db, *spec.table, options, anonymiser, writer);
    switch (dataset) {
    case Dataset::Clusters:
        return writeClusters(db, options.metrics, writer);
    case Dataset::Hotspots:
        return writeHotspots(db, options.metrics, writer);
    case Dataset::Stages:
        return writeStages(db, options.metrics, writer);
    default:
        return writeMetrics(db, options.metrics, writer);
    }
}

} // namespace

QStringList datasetNames()
{
    QStringList names;
    for (const DatasetSpec& spec : kDatasets)
        names << QString::fromLatin1(spec.name);
    return names;
}

QString datasetName(Dataset dataset)
{
    return QString::fromLatin1(specOf(dataset).name);
}

std::optional<Dataset> datasetByName(const QString& name)
{
    for (const DatasetSpec& spec : kDatasets) {
        if (name == QLatin1String(spec.name))
            return spec.dataset;
    }
    return std::nullopt;
}

QString datasetDescription(Dataset dataset)
{
    return QString::fromLatin1(specOf(dataset).description);
}

QStringList columns(Dataset dataset)
{
    const DatasetSpec& spec = specOf(dataset);
    if (spec.table) {
        QStringList names;
        for (const store::ExportColumn& column : store::exportColumns(*spec.table))
            names << QString::fromLatin1(column.name);
        return names;
    }
    switch (dataset) {
    case Dataset::Clusters:
        return kClusterColumns;
    case Dataset::Hotspots:
        return kHotspotColumns;
    case Dataset::Stages:
        return kStageColumns;
    default:
        return kMetricColumns;
    }
}

QString datasetTimeColumn(Dataset dataset)
{
    const DatasetSpec& spec = specOf(dataset);
    if (spec.table)
        return store::exportTimeColumn(*spec.table);
    switch (dataset) {
    case Dataset::Clusters:
        return QStringLiteral("incidents' created_at; CI failures' run started_at, else created_at");
    case Dataset::Hotspots:
        return QStringLiteral("the origin commit's authored_at");
    case Dataset::Stages:
        return QStringLiteral("the run's started_at, else its created_at");
    default:
        return QStringLiteral("as `faultline metrics`");
    }
}

bool datasetHasService(Dataset dataset)
{
    const DatasetSpec& spec = specOf(dataset);
    if (spec.table)
        return store::exportHasService(*spec.table);
    return dataset == Dataset::Clusters || dataset == Dataset::Metrics;
}

std::int64_t writeDataset(const store::SqliteDatabase& db, Dataset dataset, const DatasetOptions& options,
                          CsvWriter& writer)
{
    std::optional<Anonymiser> anonymiser;
    if (options.anonymise) {
        anonymiser.emplace(db);
        writer.setTextFilter([&anonymiser](const QString& text) { return anonymiser->scrub(text); });
    }
    const std::int64_t rows = writeRows(db, dataset, options, anonymiser ? &*anonymiser : nullptr, writer);
    writer.setTextFilter({});
    return rows;
}

} // namespace faultline::exporting
