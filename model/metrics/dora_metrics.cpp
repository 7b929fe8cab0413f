#include "dora_metrics.h"

#include "metrics/metric_math.h"
#include "store/delivery_queries.h"
#include "store/delivery_records.h"

#include <QHash>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <set>
#include <stdexcept>

namespace faultline::metrics {

namespace {

constexpr std::int64_t kHourMs = 3600 * 1000;
constexpr std::int64_t kDayMs = 24 * kHourMs;
// METRICS.md change failure (c): the next deployment is unplanned and happens within 48 h.
constexpr std::int64_t kUnplannedFollowUpMs = 48 * kHourMs;
// The linker's default (importers/link/link_settings.cpp), used when neither the options nor the
// workspace name a rule.
constexpr const char* kDefaultProduction = "^(prod|production|live)([-_].*)?$";

double hours(std::int64_t ms)
{
    return double(ms) / double(kHourMs);
}

QString hoursText(double h)
{
    return QString::number(h, 'f', 2) + QStringLiteral(" h");
}

bool isSuccess(const store::DoraDeployment& d)
{
    return d.status == QLatin1String(store::deployment_status::kSuccess);
}

bool isFailure(const store::DoraDeployment& d)
{
    return d.status == QLatin1String(store::deployment_status::kFailure);
}

Rate makeRate(std::int64_t count, std::int64_t n, std::vector<Contribution> rows)
{
    Rate r;
    r.count = count;
    r.n = n;
    r.rows = std::move(rows);
    if (n > 0) {
        r.value = double(count) / double(n);
        r.ci95 = wilson95(count, n);
    }
    return r;
}

// One production deployment of the filtered services, with its place in its service's stream.
struct Prod
{
    const store::DoraDeployment* d = nullptr;
    size_t stream = 0;
    size_t position = 0;
    bool ai = false;
};

class DoraComputation
{
public:
    DoraComputation(const store::DoraFacts& facts, const MetricsOptions& options, const DoraOptions& dora)
        : m_facts(facts)
        , m_options(options)
        , m_dora(dora)
    { }

    DoraResult run()
    {
        collect();
        DoraResult result;
        for (Segment s : kSegments)
            segmentRef(result, s) = compute(s);
        return result;
    }

private:
    static DoraSegment& segmentRef(DoraResult& r, Segment s)
    {
        return s == Segment::All ? r.all : s == Segment::Ai ? r.ai : r.notAi;
    }

    QRegularExpression productionRule() const
    {
        QString pattern = m_options.environmentRule;
        if (pattern.isEmpty())
            pattern = m_facts.productionRule;
        if (pattern.isEmpty())
            pattern = QLatin1String(kDefaultProduction);
        QRegularExpression re(pattern, QRegularExpression::CaseInsensitiveOption);
        if (!re.isValid())
            throw std::invalid_argument("invalid production environment rule: " + pattern.toStdString());
        return re;
    }

    bool isAi(const store::DoraDeployment& d) const
    {
        // Without a known changeset there is no AI information: not AI-assisted.
        if (!d.commitsKnown)
            return false;
        if (d.aiShare && *d.aiShare >= m_options.aiThreshold)
            return true;
        if (m_options.anyAi) {
            for (const store::DoraChange* c : m_changes.value(d.id))
                if (c->aiShare && *c->aiShare > 0)
                    return true;
        }
        return false;
    }

    void collect()
    {
        for (const store::DoraChange& c : m_facts.changes)
            m_changes[c.deploymentId].push_back(&c);
        for (const store::DoraLink& l : m_facts.rollbacks)
            m_rollbacks[l.deploymentId].push_back(&l);
        for (const store::DoraLink& l : m_facts.unplanned)
            m_unplanned[l.deploymentId].push_back(&l);
        for (const store::DoraIncidentLink& l : m_facts.incidents)
            m_incidents[l.deploymentId].push_back(&l);

        const QRegularExpression rule = productionRule();
        std::vector<const store::DoraDeployment*> production;
        for (const store::DoraDeployment& d : m_facts.deployments) {
            if (!d.at || !rule.match(d.environment).hasMatch())
                continue;
            if (!m_options.services.isEmpty() && !m_options.services.contains(d.service))
                continue;
            production.push_back(&d);
        }
        // Streams: per service in time order, ties by id, so "next deployment" is well defined.
        std::sort(production.begin(), production.end(), [](auto* a, auto* b) {
            return std::tie(a->service, *a->at, a->id) < std::tie(b->service, *b->at, b->id);
        });
        for (const store::DoraDeployment* d : production) {
            if (m_streams.empty() || m_streams.back().front()->service != d->service)
                m_streams.emplace_back();
            m_streams.back().push_back(d);
            if (*d->at >= m_options.fromMs && *d->at < m_options.toMs)
                m_inWindow.push_back({ d, m_streams.size() - 1, m_streams.back().size() - 1, isAi(*d) });
        }
        std::sort(m_inWindow.begin(), m_inWindow.end(), [](const Prod& a, const Prod& b) {
            return std::tie(*a.d->at, a.d->id) < std::tie(*b.d->at, b.d->id);
        });
    }

    // The next deployment of the same service after `p` that satisfies `accept`, or null.
    template <typename Accept> const store::DoraDeployment* next(const Prod& p, Accept accept) const
    {
        const auto& stream = m_streams[p.stream];
        for (size_t i = p.position + 1; i < stream.size(); ++i)
            if (accept(*stream[i]))
                return stream[i];
        return nullptr;
    }

    // METRICS.md change failure (a)–(d); empty when the deployment did not fail.
    // Without contributing rows each reason is an empty string: only whether there is one matters.
    QStringList failureReasons(const Prod& p) const
    {
        QStringList reasons;
        auto add
            = [&](const auto& describe) { reasons << (m_options.contributingRows ? describe() : QString()); };
        const store::DoraDeployment& d = *p.d;
        if (isFailure(d))
            add([] { return QStringLiteral("status failure"); });
        for (const store::DoraLink* l : m_rollbacks.value(d.id))
            add([&] {
                return QStringLiteral("rolled back by deployment %1 (%2)").arg(l->otherId).arg(l->reason);
            });
        const store::DoraDeployment* following
            = next(p, [](const store::DoraDeployment& n) { return isSuccess(n) || isFailure(n); });
        if (following && following->isUnplanned && *following->at - *d.at <= kUnplannedFollowUpMs)
            add([&] {
                return QStringLiteral("next deployment %1 is unplanned, %2 later")
                    .arg(following->id)
                    .arg(hoursText(hours(*following->at - *d.at)));
            });
        for (const store::DoraIncidentLink* l : m_incidents.value(d.id))
            add([&] { return QStringLiteral("incident %1 linked (%2)").arg(l->incidentId).arg(l->reason); });
        return reasons;
    }

    std::vector<std::int64_t> incidentIds(const store::DoraDeployment& d) const
    {
        std::vector<std::int64_t> ids;
        for (const store::DoraIncidentLink* l : m_incidents.value(d.id))
            ids.push_back(l->incidentId);
        return ids;
    }

    // METRICS.md recovery: the latest resolution of the linked incidents, else the next successful
    // production deployment of the service. Adds the row; returns the hours when recovered.
    std::optional<double> recovery(const Prod& p, std::vector<Contribution>& allRows) const
    {
        // Rows are only collected when asked for; the value is the same either way.
        std::vector<Contribution> unused;
        std::vector<Contribution>& rows = m_options.contributingRows ? allRows : unused;
        const store::DoraDeployment& d = *p.d;
        const auto incidents = m_incidents.value(d.id);
        std::optional<std::int64_t> recoveredAt;
        QString why;
        if (!incidents.isEmpty()) {
            for (const store::DoraIncidentLink* l : incidents) {
                if (!l->resolvedAt) {
                    rows.push_back(
                        { d.id,
                          {},
                          QStringLiteral("not recovered: incident %1 unresolved").arg(l->incidentId) });
                    return std::nullopt;
                }
                recoveredAt = std::max(recoveredAt.value_or(*l->resolvedAt), *l->resolvedAt);
            }
            why = QStringLiteral("latest resolution of its incidents");
        } else if (const store::DoraDeployment* n = next(p, isSuccess)) {
            recoveredAt = n->at;
            why = QStringLiteral("next successful deployment %1").arg(n->id);
        } else {
            rows.push_back({ d.id, {}, QStringLiteral("not recovered: no later successful deployment") });
            return std::nullopt;
        }
        const std::int64_t ms = *recoveredAt - *d.at;
        if (ms < 0) {
            // An explicit link can name an incident resolved before the deployment finished.
            rows.push_back(
                { d.id, {}, QStringLiteral("dropped: recovered before it finished (%1)").arg(why) });
            return std::nullopt;
        }
        rows.push_back({ d.id,
                         {},
                         QStringLiteral("%1 after finish: %2").arg(hoursText(hours(ms)), why),
                         incidentIds(d) });
        return hours(ms);
    }

    void leadTimes(const store::DoraDeployment& d, std::vector<double>& values,
                   std::vector<Contribution>& rows) const
    {
        const auto changes = m_changes.value(d.id);
        if (changes.isEmpty()) {
            if (m_options.contributingRows)
                rows.push_back({ d.id,
                                 {},
                                 d.commitsKnown
                                     ? QStringLiteral("no changeset (first deployment of its service)")
                                     : QStringLiteral("no changeset (commits unknown)") });
            return;
        }
        const bool describe = m_options.contributingRows;
        for (const store::DoraChange* c : changes) {
            const std::optional<std::int64_t> t = m_dora.committerTime ? c->committedAt : c->authoredAt;
            if (!t) {
                if (describe)
                    rows.push_back({ d.id, c->sha, QStringLiteral("dropped: no commit time") });
                continue;
            }
            const std::int64_t ms = *d.at - *t;
            if (ms <= 0) {
                if (describe)
                    rows.push_back({ d.id, c->sha, QStringLiteral("dropped: non-positive lead time") });
                continue;
            }
            values.push_back(hours(ms));
            if (describe)
                rows.push_back({ d.id, c->sha, QStringLiteral("lead time %1").arg(hoursText(hours(ms))) });
        }
    }

    DoraSegment compute(Segment segment) const
    {
        DoraSegment out;
        std::vector<double> leadValues;
        std::vector<double> recoveryValues;
        std::vector<Contribution> leadRows;
        std::vector<Contribution> recoveryRows;
        std::vector<Contribution> failedRows;
        std::vector<Contribution> unplannedRows;
        std::int64_t finals = 0;
        std::int64_t failed = 0;
        std::int64_t unplanned = 0;
        std::map<QString, std::int64_t> successesByService;
        std::set<std::int64_t> deployDays; // days since `from` with a successful deployment
        for (const Prod& p : m_inWindow) {
            if ((segment == Segment::Ai && !p.ai) || (segment == Segment::NotAi && p.ai))
                continue;
            const store::DoraDeployment& d = *p.d;
            if (!isSuccess(d) && !isFailure(d))
                continue;
            ++finals;
            successesByService[d.service] += 0; // every service deployed in the period shows, even at 0
            if (isSuccess(d)) {
                ++out.frequency.deployments;
                ++successesByService[d.service];
                deployDays.insert((*d.at - m_options.fromMs) / kDayMs);
                if (m_options.contributingRows)
                    out.frequency.rows.push_back(
                        { d.id, {}, QStringLiteral("successful production deployment") });
                leadTimes(d, leadValues, leadRows);
            }
            const QStringList reasons = failureReasons(p);
            if (!reasons.isEmpty()) {
                ++failed;
                if (m_options.contributingRows)
                    failedRows.push_back({ d.id, {}, reasons.join(QStringLiteral("; ")), incidentIds(d) });
                if (const auto h = recovery(p, recoveryRows))
                    recoveryValues.push_back(*h);
            }
            if (d.isUnplanned) {
                ++unplanned;
                if (!m_options.contributingRows)
                    continue;
                QStringList why;
                for (const store::DoraLink* l : m_unplanned.value(d.id))
                    if (!why.contains(l->reason))
                        why << l->reason;
                unplannedRows.push_back(
                    { d.id,
                      {},
                      why.isEmpty() ? QStringLiteral("unplanned")
                                    : QStringLiteral("unplanned: ") + why.join(QStringLiteral(", ")) });
            }
        }

        if (m_options.toMs > m_options.fromMs) {
            const double days = double(m_options.toMs - m_options.fromMs) / double(kDayMs);
            out.frequency.perDay = double(out.frequency.deployments) / days;
            for (const auto& [service, count] : successesByService)
                out.frequency.perDayByService[service] = double(count) / days;
            const std::int64_t weeks
                = std::max<std::int64_t>(1, (m_options.toMs - m_options.fromMs) / (7 * kDayMs));
            std::vector<double> perWeek(size_t(weeks), 0.0);
            for (std::int64_t day : deployDays)
                if (day / 7 < weeks)
                    perWeek[size_t(day / 7)] += 1;
            out.frequency.deployDaysPerWeekMedian = median(perWeek);
        }

        out.leadTime.medianHours = median(leadValues);
        out.leadTime.p90Hours = percentile(leadValues, 90);
        out.leadTime.n = std::int64_t(leadValues.size());
        out.leadTime.rows = std::move(leadRows);
        out.changeFailureRate = makeRate(failed, finals, std::move(failedRows));
        out.recoveryTime.medianHours = median(recoveryValues);
        out.recoveryTime.n = std::int64_t(recoveryValues.size());
        out.recoveryTime.rows = std::move(recoveryRows);
        out.reworkRate = makeRate(unplanned, finals, std::move(unplannedRows));
        out.smallSample = finals < kSmallSample;
        return out;
    }

    const store::DoraFacts& m_facts;
    const MetricsOptions& m_options;
    const DoraOptions& m_dora;
    QHash<std::int64_t, QList<const store::DoraChange*>> m_changes;
    QHash<std::int64_t, QList<const store::DoraLink*>> m_rollbacks;
    QHash<std::int64_t, QList<const store::DoraLink*>> m_unplanned;
    QHash<std::int64_t, QList<const store::DoraIncidentLink*>> m_incidents;
    std::vector<std::vector<const store::DoraDeployment*>> m_streams;
    std::vector<Prod> m_inWindow;
};

} // namespace

const DoraSegment& DoraResult::segment(Segment s) const
{
    return s == Segment::All ? all : s == Segment::Ai ? ai : notAi;
}

DoraResult computeDora(const store::DoraFacts& facts, const MetricsOptions& options, const DoraOptions& dora)
{
    return DoraComputation(facts, options, dora).run();
}

DoraResult computeDora(const store::SqliteDatabase& db, const MetricsOptions& options,
                       const DoraOptions& dora)
{
    return computeDora(store::loadDoraFacts(db, options.fromMs, options.toMs), options, dora);
}

} // namespace faultline::metrics
