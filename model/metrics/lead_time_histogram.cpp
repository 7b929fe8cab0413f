#include "lead_time_histogram.h"

#include <QRegularExpression>

namespace faultline::metrics {

std::optional<double> leadTimeHoursOf(const Contribution& row)
{
    // The counted rows are described as "lead time <hours> h" by the DORA metric (dora_metrics.cpp);
    // anything else ("dropped: …", "no changeset …") did not count.
    static const QRegularExpression counted(QStringLiteral("^lead time (\\d+(?:\\.\\d+)?) h$"));
    const QRegularExpressionMatch match = counted.match(row.reason);
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const double hours = match.captured(1).toDouble(&ok);
    return ok ? std::optional<double>(hours) : std::nullopt;
}

LeadTimeHistogram leadTimeHistogram(const LeadTime& leadTime)
{
    static const double edges[kLeadTimeBuckets] = { 0, 1, 4, 24, 72, 168, 336, 672 };
    static const char* const labels[kLeadTimeBuckets]
        = { "0–1 h", "1–4 h", "4–24 h", "1–3 d", "3–7 d", "1–2 wk", "2–4 wk", "≥ 4 wk" };
    LeadTimeHistogram out;
    for (int i = 0; i < kLeadTimeBuckets; ++i) {
        out.buckets[size_t(i)].label = QString::fromUtf8(labels[i]);
        out.buckets[size_t(i)].fromHours = edges[i];
        if (i + 1 < kLeadTimeBuckets)
            out.buckets[size_t(i)].toHours = edges[i + 1];
    }
    for (const Contribution& row : leadTime.rows) {
        const auto hours = leadTimeHoursOf(row);
        if (!hours)
            continue;
        int bucket = kLeadTimeBuckets - 1;
        while (bucket > 0 && *hours < edges[bucket])
            --bucket;
        out.buckets[size_t(bucket)].rows.push_back(row);
        ++out.n;
    }
    return out;
}

} // namespace faultline::metrics
