#include "metrics/code_rework.h"

#include "metrics/metric_math.h"

#include <QDate>
#include <QHash>

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

namespace faultline::metrics {

namespace {

constexpr std::int64_t kDayMs = 86400LL * 1000;

struct CommitInfo
{
    const store::ReworkCommit* commit = nullptr;
    bool ai = false;
    std::int64_t churned = 0;
    ReworkBucket* week = nullptr; // the bucket of its author week
};

struct FileTally
{
    std::int64_t churned = 0;
    std::int64_t aiChurned = 0;
    std::int64_t added = 0;
    std::int64_t commits = 0;
};

void finish(ReworkSegment& s)
{
    if (s.addedLines > 0) {
        s.churnRate = double(s.churnedLines) / double(s.addedLines);
        // A file renamed between origin and removal can in principle make churn exceed what the
        // interval accepts as successes; the rate itself stays as measured.
        s.churnRateCi95 = wilson95(std::min(s.churnedLines, s.addedLines), s.addedLines);
    }
    s.tooFewToCompare = s.commits < kSmallSample;
}

} // namespace

const ReworkSegment& CodeRework::segment(Segment s) const
{
    switch (s) {
    case Segment::Ai:
        return ai;
    case Segment::NotAi:
        return notAi;
    case Segment::All:
        break;
    }
    return all;
}

bool isAiAssisted(double aiShare, const MetricsOptions& options)
{
    return options.anyAi ? aiShare > 0 : aiShare >= options.aiThreshold;
}

namespace {

QString directoryOf(const QString& path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : path.left(slash);
}

void addTo(ReworkBucket& b, std::int64_t added, std::int64_t churned, bool ai)
{
    b.addedLines += added;
    b.churnedLines += churned;
    if (ai) {
        b.aiAddedLines += added;
        b.aiChurnedLines += churned;
    }
}

void finishBucket(ReworkBucket& b)
{
    auto rate = [](std::int64_t churned, std::int64_t added) {
        return added > 0 ? std::optional<double>(double(churned) / double(added)) : std::nullopt;
    };
    b.churnRate = rate(b.churnedLines, b.addedLines);
    b.aiChurnRate = rate(b.aiChurnedLines, b.aiAddedLines);
    b.notAiChurnRate = rate(b.churnedLines - b.aiChurnedLines, b.addedLines - b.aiAddedLines);
}

} // namespace

CodeRework computeCodeRework(const store::ReworkFacts& facts, const MetricsOptions& options, int hotspotLimit)
{
    CodeRework out;
    out.churnWindowDays = options.churnWindowDays;
    const std::int64_t windowMs = std::int64_t(options.churnWindowDays) * kDayMs;

    // The period's commits (by origin author time); churn of older or newer commits belongs to their period.
    std::unordered_map<std::int64_t, CommitInfo> inPeriod;
    inPeriod.reserve(facts.commits.size());
    std::map<std::int64_t, ReworkBucket> byMonday;
    for (const store::ReworkCommit& c : facts.commits) {
        if (c.authoredAt < options.fromMs || c.authoredAt >= options.toMs)
            continue;
        const bool ai = isAiAssisted(c.aiShare, options);
        ReworkBucket& week = byMonday[mondayOf(c.authoredAt)];
        inPeriod.emplace(c.id, CommitInfo { &c, ai, 0, &week });
        ReworkSegment& seg = ai ? out.ai : out.notAi;
        for (ReworkSegment* s : { &out.all, &seg }) {
            ++s->commits;
            s->addedLines += c.addedLines;
        }
        addTo(week, c.addedLines, 0, ai);
    }

    // Paths repeat across rows: each one's directory bucket is looked up once (std::map nodes stay put).
    QHash<QString, ReworkBucket*> directoryBucket;
    auto directoryOfPath = [&](const QString& path) -> ReworkBucket& {
        auto it = directoryBucket.constFind(path);
        if (it == directoryBucket.constEnd())
            it = directoryBucket.insert(path, &out.byDirectory[directoryOf(path)]);
        return **it;
    };

    std::unordered_map<std::int64_t, QString> repoName;
    for (const store::ReworkRepo& r : facts.repos)
        repoName.emplace(r.id, r.name);

    using FileKey = std::pair<std::int64_t, QString>; // repository id, path
    QHash<FileKey, FileTally> files;

    for (const store::ReworkChurn& h : facts.churn) {
        const auto it = inPeriod.find(h.originCommitId);
        // age_ms is removing − origin author time; a removal authored "before" its origin (clock skew)
        // is still a later commit in history and within the window.
        if (it == inPeriod.end() || h.ageMs > windowMs)
            continue;
        CommitInfo& origin = it->second;
        origin.churned += h.lines;
        for (ReworkSegment* s : { &out.all, origin.ai ? &out.ai : &out.notAi })
            s->churnedLines += h.lines;
        addTo(*origin.week, 0, h.lines, origin.ai);
        addTo(directoryOfPath(h.path), 0, h.lines, origin.ai);
        FileTally& f = files[{ h.repoId, h.path }];
        f.churned += h.lines;
        if (origin.ai)
            f.aiChurned += h.lines;
        if (options.contributingRows)
            out.contributing.push_back({ h.id, h.repoId, origin.commit->sha, origin.commit->authoredAt,
                                         h.removingSha, h.path, h.lines, h.ageMs, origin.ai });
    }
    for (ReworkSegment* s : { &out.all, &out.ai, &out.notAi })
        finish(*s);

    // Added lines and touching commits per churned file, over the period's commits.
    for (const store::ReworkFileChange& fc : facts.fileChanges) {
        const auto c = inPeriod.find(fc.commitId);
        if (c == inPeriod.end())
            continue;
        addTo(directoryOfPath(fc.path), fc.addedLines, 0, c->second.ai);
        const auto f = files.find({ c->second.commit->repoId, fc.path });
        if (f == files.end())
            continue;
        f->added += fc.addedLines;
        ++f->commits;
    }

    for (auto& [monday, bucket] : byMonday)
        out.byWeek.emplace(isoDateOfDay(monday), bucket);
    for (auto* buckets : { &out.byWeek, &out.byDirectory })
        for (auto& [key, bucket] : *buckets)
            finishBucket(bucket);

    std::map<FileKey, std::int64_t> headLines;
    for (const store::ReworkHeadFile& hf : facts.headFiles)
        headLines.emplace(FileKey { hf.repoId, hf.path }, hf.lines);

    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const FileKey& key = it.key();
        const FileTally& t = it.value();
        ReworkHotspot h;
        h.repoId = key.first;
        const auto r = repoName.find(key.first);
        if (r != repoName.end())
            h.repo = r->second;
        h.path = key.second;
        h.churnedLines = t.churned;
        h.aiShare = double(t.aiChurned) / double(t.churned); // churn rows have lines > 0
        h.commits = t.commits;
        const auto head = headLines.find(key);
        if (head != headLines.end())
            h.linesAtHead = head->second;
        h.addedLines = t.added;
        if (t.added > 0)
            h.churnRate = double(t.churned) / double(t.added);
        out.hotspots.push_back(std::move(h));
    }
    out.hotspotFiles = std::int64_t(out.hotspots.size());
    std::sort(out.hotspots.begin(), out.hotspots.end(), [](const ReworkHotspot& a, const ReworkHotspot& b) {
        if (a.churnedLines != b.churnedLines)
            return a.churnedLines > b.churnedLines;
        return std::tie(a.path, a.repoId) < std::tie(b.path, b.repoId);
    });
    if (hotspotLimit >= 0 && out.hotspots.size() > size_t(hotspotLimit))
        out.hotspots.resize(size_t(hotspotLimit));

    if (!options.contributingRows)
        return out;
    for (const auto& [id, c] : inPeriod)
        out.commits.push_back({ id, c.commit->sha, c.commit->authoredAt, c.commit->addedLines, c.churned,
                                c.commit->aiShare, c.ai });
    std::sort(out.commits.begin(), out.commits.end(), [](const ReworkCommitRow& a, const ReworkCommitRow& b) {
        return std::tie(a.authoredAt, a.sha, a.commitId) < std::tie(b.authoredAt, b.sha, b.commitId);
    });
    std::sort(out.contributing.begin(), out.contributing.end(),
              [](const ChurnContribution& a, const ChurnContribution& b) {
                  return std::tie(a.originAuthoredAt, a.originSha, a.ageMs, a.removingSha, a.repoId, a.path,
                                  a.churnId)
                      < std::tie(b.originAuthoredAt, b.originSha, b.ageMs, b.removingSha, b.repoId, b.path,
                                 b.churnId);
              });
    return out;
}

} // namespace faultline::metrics
