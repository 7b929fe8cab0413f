#include "demo_plan.h"

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <array>
#include <map>
#include <optional>

namespace faultline::demo {

namespace {

// splitmix64: the same sequence on every platform and standard library (std::*_distribution are not
// specified bit for bit), which byte-identical demos need.
class Random
{
public:
    explicit Random(std::uint64_t seed)
        : m_state(seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL)
    { }
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return n <= 0 ? 0 : int(next() % std::uint64_t(n)); }
    // A whole number in [from, to].
    std::int64_t between(std::int64_t from, std::int64_t to)
    {
        return to <= from ? from : from + std::int64_t(next() % std::uint64_t(to - from + 1));
    }
    double unit() { return double(next() >> 11) / double(1ULL << 53); }
    bool chance(double p) { return unit() < p; }
    template <typename T> const T& pick(const std::vector<T>& items)
    {
        return items[std::size_t(below(int(items.size())))];
    }

private:
    std::uint64_t m_state;
};

struct Author
{
    Person person;
    double aiShare; // how often this person's pull requests are AI-assisted
    AiMarker marker; // the tool they use
};

// Who wrote a line: what the planted rework pattern looks at.
struct LineOrigin
{
    int commit = 0;
    std::int64_t atMs = 0;
    bool ai = false;
};

struct ServiceShape
{
    QString name;
    std::vector<QString> files; // below services/<name>/
    std::vector<QString> topics; // what its pull requests are about
    std::vector<QString> incidentTitles; // what goes wrong in production (repeats cluster)
    double weight = 0;
};

const std::vector<ServiceShape>& serviceShapes()
{
    static const std::vector<ServiceShape> shapes = {
        { QStringLiteral("checkout"),
          { QStringLiteral("handlers/cart.go"), QStringLiteral("handlers/payment.go"),
            QStringLiteral("handlers/order.go"), QStringLiteral("store/orders.go"),
            QStringLiteral("api/routes.go"), QStringLiteral("config/limits.go") },
          { QStringLiteral("cart totals"), QStringLiteral("payment retries"),
            QStringLiteral("order confirmation"), QStringLiteral("coupon validation"),
            QStringLiteral("tax rounding"), QStringLiteral("guest checkout") },
          { QStringLiteral("Checkout latency above SLO on /cart"),
            QStringLiteral("Payment capture failing with error 502"),
            QStringLiteral("Order confirmation emails delayed"),
            QStringLiteral("Coupon service returns stale prices"),
            QStringLiteral("Guest checkout sessions dropped") },
          0.45 },
        { QStringLiteral("catalog"),
          { QStringLiteral("search/index.go"), QStringLiteral("search/query.go"),
            QStringLiteral("search/ranking.go"), QStringLiteral("store/products.go"),
            QStringLiteral("api/routes.go") },
          { QStringLiteral("search ranking"), QStringLiteral("facet filters"),
            QStringLiteral("product import"), QStringLiteral("price history"),
            QStringLiteral("stock levels") },
          { QStringLiteral("Catalog search timeouts above 2 s"),
            QStringLiteral("Product pages return error 500"),
            QStringLiteral("Search index stale after import"),
            QStringLiteral("Facet counts wrong on category pages") },
          0.35 },
        { QStringLiteral("notify"),
          { QStringLiteral("queue/worker.go"), QStringLiteral("queue/retry.go"),
            QStringLiteral("templates/email.go"), QStringLiteral("api/routes.go") },
          { QStringLiteral("retry backoff"), QStringLiteral("email templates"),
            QStringLiteral("SMS fallback"), QStringLiteral("queue metrics") },
          { QStringLiteral("Notification queue backlog above 10k"),
            QStringLiteral("Email provider rejecting sends"),
            QStringLiteral("SMS fallback sending duplicates") },
          0.20 },
    };
    return shapes;
}

const std::vector<QString> kVerbs
    = { QStringLiteral("Add"),      QStringLiteral("Fix"),    QStringLiteral("Refactor"),
        QStringLiteral("Speed up"), QStringLiteral("Handle"), QStringLiteral("Validate") };

const std::vector<QString> kUnplannedIncidents
    = { QStringLiteral("Disk full on db-2"), QStringLiteral("TLS certificate expiring on api gateway"),
        QStringLiteral("Cloud provider network degradation") };

// The unit tests of the repository; the flaky one fails now and then and passes on a re-run.
struct PlannedTest
{
    const char* suite;
    const char* name;
    const char* where; // file:line of the failing assertion
    const char* failure; // what it prints when it fails
};
const PlannedTest kTests[] = {
    { "shop/services/checkout", "TestCartTotals", "cart_test.go:88", "cart total: want 120.50, got 118.00" },
    { "shop/services/checkout", "TestCouponValidation", "coupon_test.go:41",
      "coupon SPRING10 accepted after expiry" },
    { "shop/services/checkout", "TestPaymentRetry", "payment_test.go:132",
      "capture retried 4 times, want at most 3" },
    { "shop/services/checkout", "TestCheckoutConcurrentCartUpdate", "cart_test.go:210",
      "context deadline exceeded" },
    { "shop/services/checkout", "TestOrderConfirmation", "order_test.go:57",
      "confirmation email not queued" },
    { "shop/services/catalog", "TestSearchRanking", "ranking_test.go:73",
      "top result for \"red shoes\" is sku-1187, want sku-2001" },
    { "shop/services/catalog", "TestFacetFilters", "query_test.go:119", "facet size=42 returned 0 products" },
    { "shop/services/catalog", "TestProductImport", "import_test.go:64", "row 17: price column missing" },
    { "shop/services/notify", "TestRetryBackoff", "retry_test.go:38", "backoff 1.6s, want 3.2s" },
    { "shop/services/notify", "TestEmailTemplates", "email_test.go:95",
      "template order_shipped: missing {{.Tracking}}" },
};
constexpr std::size_t kTestCount = sizeof kTests / sizeof kTests[0];
constexpr std::size_t kFlakyTest = 3;

QString slug(const QString& text)
{
    QString out;
    for (const QChar c : text.toLower())
        out += c.isLetterOrNumber() ? c : QLatin1Char('-');
    return out;
}

// Plans the history: pull requests first (their times do not depend on anything else), then a
// walk through time that merges them, runs CI, deploys, and lets some deployments cause incidents
// that bring hotfixes and reverts.
class Planner
{
public:
    explicit Planner(std::uint32_t seed)
        : m_random(seed)
    {
        m_plan.seed = seed;
        m_plan.startMs = QDateTime(QDate(2026, 5, 4), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        m_plan.endMs = m_plan.startMs + 182 * kDayMs;
        m_plan.repository = QStringLiteral("acme/shop");
        m_authors = {
            { { QStringLiteral("Priya Raman"), QStringLiteral("priya@acme.dev"), QStringLiteral("praman") },
              0.6,
              AiMarker::ClaudeModelTrailer },
            { { QStringLiteral("Tomás Ortega"), QStringLiteral("tomas@acme.dev"), QStringLiteral("tortega") },
              0.5,
              AiMarker::Aider },
            { { QStringLiteral("Mei Lin"), QStringLiteral("mei@acme.dev"), QStringLiteral("meilin") },
              0.4,
              AiMarker::CursorTrailer },
            { { QStringLiteral("Jonas Becker"), QStringLiteral("jonas@acme.dev"), QStringLiteral("jbecker") },
              0.3,
              AiMarker::ClaudeTrailer },
            { { QStringLiteral("Aisha Bello"), QStringLiteral("aisha@acme.dev"), QStringLiteral("abello") },
              0.2,
              AiMarker::AssistedBy },
            { { QStringLiteral("Sam Carter"), QStringLiteral("sam@acme.dev"), QStringLiteral("scarter") },
              0.1,
              AiMarker::ClaudeTrailer },
        };
        for (const Author& a : m_authors)
            m_plan.people.push_back(a.person);
        for (const ServiceShape& s : serviceShapes())
            m_plan.services << s.name;
        m_plan.plantedDirectories
            = { QStringLiteral("services/checkout/handlers"), QStringLiteral("services/catalog/search") };
    }

    Plan run()
    {
        initialCommit();
        planPullRequests();
        walk();
        std::stable_sort(m_plan.runs.begin(), m_plan.runs.end(),
                         [](const Run& a, const Run& b) { return a.createdMs < b.createdMs; });
        orderDeployments();
        return std::move(m_plan);
    }

private:
    // Deployments were planned as their causes happened; the exports list them by creation.
    void orderDeployments()
    {
        std::stable_sort(m_plan.deployments.begin(), m_plan.deployments.end(),
                         [](const Deployment& a, const Deployment& b) { return a.createdMs < b.createdMs; });
        for (std::size_t k = 0; k < m_plan.deployments.size(); ++k)
            m_plan.deployments[k].id = 7000 + std::int64_t(k);
        // An incident names no deployment in a PagerDuty export: the linker takes the latest
        // successful production deployment of its service that finished within 72 h before it. The
        // plan says what that rule finds, so the story the demo tells is the one the app shows (the
        // incidents planned without a cause included).
        for (Incident& i : m_plan.incidents)
            i.causedBy = linkedDeployment(m_plan, i);
    }

    // --- files -----------------------------------------------------------------------------------

    static QString pathOf(const QString& service, const QString& file)
    {
        return QStringLiteral("services/") + service + QLatin1Char('/') + file;
    }

    bool planted(const QString& path) const
    {
        return std::any_of(m_plan.plantedDirectories.begin(), m_plan.plantedDirectories.end(),
                           [&](const QString& dir) { return path.startsWith(dir + QLatin1Char('/')); });
    }

    void initialCommit()
    {
        Commit c;
        c.author = 0;
        c.subject = QStringLiteral("Import the shop services");
        c.body = QStringLiteral("Checkout, catalog and notify move into one repository.");
        c.authoredMs = m_plan.startMs - 3 * kDayMs + 10 * kHourMs;
        c.committedMs = c.authoredMs;
        c.service = QStringLiteral("checkout");
        for (const ServiceShape& s : serviceShapes())
            for (const QString& f : s.files) {
                FileChange change;
                change.path = pathOf(s.name, f);
                change.create = true;
                change.addCount = int(m_random.between(40, 90));
                c.changes.push_back(change);
            }
        append(std::move(c));
    }

    // Applies the commit's changes to the line origins and records it in history order.
    int append(Commit c)
    {
        if (!m_plan.commits.empty())
            c.committedMs = std::max(c.committedMs, m_plan.commits.back().committedMs + 1000);
        const int index = int(m_plan.commits.size());
        for (FileChange& change : c.changes) {
            auto& lines = m_files[change.path];
            change.at = std::clamp(change.at, 0, int(lines.size()));
            change.removeCount = std::clamp(change.removeCount, 0, int(lines.size()) - change.at);
            const LineOrigin origin { index, c.authoredMs, c.aiAssisted() };
            lines.erase(lines.begin() + change.at, lines.begin() + change.at + change.removeCount);
            lines.insert(lines.begin() + change.at, std::size_t(change.addCount), origin);
        }
        m_plan.commits.push_back(std::move(c));
        return index;
    }

    // One edit of `path` as of now: rewrites a few lines (preferring `rework` lines when given) and
    // adds some.
    FileChange edit(const QString& path, std::optional<int> reworkAt)
    {
        const auto& lines = m_files[path];
        const int size = int(lines.size());
        FileChange change;
        change.path = path;
        if (reworkAt) {
            change.at = *reworkAt;
            change.removeCount = std::min(size - change.at, int(m_random.between(2, 6)));
            change.addCount = change.removeCount + int(m_random.between(0, 4));
        } else if (size > 0 && m_random.chance(0.55)) {
            change.at = m_random.below(size);
            change.removeCount = std::min(size - change.at, int(m_random.between(1, 4)));
            change.addCount = change.removeCount + int(m_random.between(1, 10));
        } else {
            change.at = size > 0 ? m_random.below(size + 1) : 0;
            change.addCount = int(m_random.between(3, 18));
        }
        return change;
    }

    // A line written by an AI-assisted change in a planted directory within the last three weeks:
    // such lines get rewritten (the rework the demo plants).
    std::optional<std::pair<QString, int>> reworkTarget(const QString& service, std::int64_t nowMs)
    {
        std::vector<std::pair<QString, int>> candidates;
        for (const QString& file : serviceShapes()[std::size_t(m_plan.services.indexOf(service))].files) {
            const QString path = pathOf(service, file);
            if (!planted(path))
                continue;
            const auto& lines = m_files[path];
            for (int i = 0; i < int(lines.size()); ++i)
                if (lines[std::size_t(i)].ai && nowMs - lines[std::size_t(i)].atMs < 18 * kDayMs)
                    candidates.emplace_back(path, i);
        }
        if (candidates.empty())
            return std::nullopt;
        return m_random.pick(candidates);
    }

    std::vector<FileChange> changesFor(const QString& service, std::int64_t nowMs)
    {
        std::vector<FileChange> changes;
        std::vector<QString> touched;
        const ServiceShape& shape = serviceShapes()[std::size_t(m_plan.services.indexOf(service))];
        if (m_random.chance(0.45))
            if (const auto target = reworkTarget(service, nowMs)) {
                changes.push_back(edit(target->first, target->second));
                touched.push_back(target->first);
            }
        const int files = int(m_random.between(1, 2));
        for (int i = 0; i < files; ++i) {
            const QString path = pathOf(service, m_random.pick(shape.files));
            if (std::find(touched.begin(), touched.end(), path) != touched.end())
                continue;
            changes.push_back(edit(path, std::nullopt));
            touched.push_back(path);
        }
        return changes;
    }

    // --- pull requests ---------------------------------------------------------------------------

    struct PlannedPull
    {
        PullRequest pull;
        std::vector<Commit> commits; // changes are planned at merge time, against the files then
    };

    int pickService()
    {
        const double u = m_random.unit();
        double sum = 0;
        for (std::size_t i = 0; i < serviceShapes().size(); ++i) {
            sum += serviceShapes()[i].weight;
            if (u < sum)
                return int(i);
        }
        return 0;
    }

    void planPullRequests()
    {
        for (int day = 0; day < 182; ++day) {
            const std::int64_t dayMs = m_plan.startMs + day * kDayMs;
            if (day % 7 >= 5)
                continue; // the team does not work weekends
            const int count = int(m_random.between(3, 5));
            for (int i = 0; i < count; ++i)
                m_pending.push_back(planPull(dayMs));
        }
        std::stable_sort(m_pending.begin(), m_pending.end(), [](const PlannedPull& a, const PlannedPull& b) {
            return a.pull.mergedMs < b.pull.mergedMs;
        });
    }

    PlannedPull planPull(std::int64_t dayMs)
    {
        PlannedPull p;
        PullRequest& pr = p.pull;
        pr.byCopilotAgent = m_random.chance(0.07);
        pr.author = m_random.below(int(m_authors.size()));
        const Author& author = m_authors[std::size_t(pr.author)];
        pr.aiAssisted = pr.byCopilotAgent || m_random.chance(author.aiShare);
        const ServiceShape& service = serviceShapes()[std::size_t(pickService())];
        pr.service = service.name;
        const QString topic = m_random.pick(service.topics);
        const QString verb = m_random.pick(kVerbs);
        pr.title = service.name + QStringLiteral(": ") + verb.toLower() + QLatin1Char(' ') + topic;
        pr.branch = (pr.byCopilotAgent ? QStringLiteral("copilot") : author.person.login) + QLatin1Char('/')
            + slug(verb + QLatin1Char(' ') + topic) + QLatin1Char('-')
            + QString::number(m_random.between(10, 99));
        pr.body = pr.byCopilotAgent
            ? QStringLiteral("%1 %2 in the %3 service.\n\n<!-- START COPILOT CODING AGENT SUFFIX -->")
                  .arg(verb, topic, service.name)
            : QStringLiteral("%1 %2 in the %3 service.").arg(verb, topic, service.name);

        const int commits = int(m_random.between(1, pr.aiAssisted ? 5 : 4));
        std::int64_t t = dayMs + 8 * kHourMs + m_random.between(0, 7 * kHourMs);
        for (int i = 0; i < commits; ++i) {
            Commit c;
            c.author = pr.author;
            c.service = service.name;
            if (pr.byCopilotAgent)
                c.marker = AiMarker::CopilotAgent;
            else if (pr.aiAssisted && (i == 0 || m_random.chance(0.85)))
                c.marker = author.marker == AiMarker::CursorTrailer && m_random.chance(0.25)
                    ? AiMarker::GitAiNote
                    : author.marker;
            if (i == 0)
                c.subject = pr.title;
            else if (i == commits - 1 && m_random.chance(0.5))
                c.subject = service.name + QStringLiteral(": address review comments");
            else
                c.subject = service.name + QStringLiteral(": add tests for ") + topic;
            c.authoredMs = t;
            t += m_random.between(10 * kMinuteMs, 90 * kMinuteMs);
            p.commits.push_back(std::move(c));
        }
        pr.createdMs = t + m_random.between(5 * kMinuteMs, 40 * kMinuteMs);
        // Bigger AI-assisted pull requests wait longer for a first review.
        const double pickupHours = (pr.aiAssisted ? 1.4 : 1.0) * double(m_random.between(60, 20 * 60)) / 60.0;
        std::int64_t review = pr.createdMs + std::int64_t(pickupHours * double(kHourMs));
        int reviewer = (pr.author + 1 + m_random.below(int(m_authors.size()) - 1)) % int(m_authors.size());
        if (pr.aiAssisted && m_random.chance(0.35)) {
            pr.reviews.push_back({ reviewer, review, QStringLiteral("CHANGES_REQUESTED") });
            review += m_random.between(2 * kHourMs, 10 * kHourMs);
        } else if (m_random.chance(0.2)) {
            pr.reviews.push_back({ reviewer, review, QStringLiteral("COMMENTED") });
            review += m_random.between(kHourMs, 4 * kHourMs);
        }
        pr.reviews.push_back({ reviewer, review, QStringLiteral("APPROVED") });
        pr.mergedMs = review + m_random.between(10 * kMinuteMs, 4 * kHourMs);
        return p;
    }

    // --- the walk through time -------------------------------------------------------------------

    enum class EventKind
    {
        Merge,
        DirectPush, // a hotfix or a revert
        ProductionWindow,
    };
    struct Event
    {
        std::int64_t atMs;
        EventKind kind;
        int index; // into m_pending (Merge) or m_direct (DirectPush)
    };

    void walk()
    {
        std::vector<Event> events;
        for (int i = 0; i < int(m_pending.size()); ++i)
            events.push_back({ m_pending[std::size_t(i)].pull.mergedMs, EventKind::Merge, i });
        for (int day = 0; day < 182; ++day)
            if (day % 7 < 5)
                events.push_back(
                    { m_plan.startMs + day * kDayMs + 15 * kHourMs, EventKind::ProductionWindow, -1 });
        const auto later = [](const Event& a, const Event& b) {
            return a.atMs != b.atMs ? a.atMs > b.atMs : int(a.kind) > int(b.kind);
        };
        std::make_heap(events.begin(), events.end(), later);
        while (!events.empty()) {
            std::pop_heap(events.begin(), events.end(), later);
            const Event e = events.back();
            events.pop_back();
            if (e.atMs >= m_plan.endMs)
                continue;
            std::vector<Event> next;
            switch (e.kind) {
            case EventKind::Merge:
                merge(m_pending[std::size_t(e.index)], next);
                break;
            case EventKind::DirectPush:
                directPush(m_direct[std::size_t(e.index)], next);
                break;
            case EventKind::ProductionWindow:
                for (const QString& service : m_plan.services)
                    deployProduction(service, e.atMs, false, next);
                break;
            }
            for (const Event& n : next) {
                events.push_back(n);
                std::push_heap(events.begin(), events.end(), later);
            }
        }
    }

    void merge(PlannedPull& planned, std::vector<Event>& next)
    {
        PullRequest pr = planned.pull;
        pr.number = int(m_plan.pulls.size()) + 101;
        const int pullIndex = int(m_plan.pulls.size());
        std::int64_t committed = pr.mergedMs;
        for (Commit& c : planned.commits) {
            c.pullRequest = pullIndex;
            c.committedMs = committed;
            committed += 1000;
            c.changes = changesFor(c.service, c.authoredMs);
            pr.commits.push_back(append(std::move(c)));
        }
        int head = pr.commits.back();
        const bool aiHead = std::any_of(pr.commits.begin(), pr.commits.end(),
                                        [&](int i) { return m_plan.commits[std::size_t(i)].aiAssisted(); });
        // CI on the pull request's head. Main only ever fast-forwards to a head that passed, so there is
        // no second run after the merge; a real failure gets a fix commit and a passing run first.
        const std::int64_t firstRun = pr.createdMs + m_random.between(kMinuteMs, 3 * kMinuteMs);
        if (!runCi(head, pullIndex, QStringLiteral("pull_request"), pr.branch, firstRun, aiHead, false)) {
            Commit fix;
            const Commit& last = m_plan.commits[std::size_t(head)];
            fix.author = last.author;
            fix.marker = last.marker;
            fix.service = last.service;
            fix.pullRequest = pullIndex;
            fix.subject = last.service + QStringLiteral(": fix the failing test");
            fix.authoredMs = m_plan.runs.back().updatedMs + m_random.between(20 * kMinuteMs, 90 * kMinuteMs);
            fix.committedMs = std::max(fix.authoredMs, committed);
            fix.changes = changesFor(fix.service, fix.authoredMs);
            head = append(std::move(fix));
            pr.commits.push_back(head);
            runCi(head, pullIndex, QStringLiteral("pull_request"), pr.branch,
                  m_plan.commits[std::size_t(head)].authoredMs + m_random.between(kMinuteMs, 3 * kMinuteMs),
                  aiHead, true);
            pr.mergedMs = std::max(pr.mergedMs,
                                   m_plan.runs.back().updatedMs + m_random.between(10 * kMinuteMs, kHourMs));
        }
        m_plan.pulls.push_back(pr);
        deployStaging(pr.service, head, pr.mergedMs);
        // Now and then a change is backed out a day or two later.
        if (m_random.chance(aiHead ? 0.04 : 0.02)) {
            Commit revert;
            revert.author = pr.author;
            revert.service = pr.service;
            revert.reverts = head;
            revert.subject
                = QStringLiteral("Revert \"") + m_plan.commits[std::size_t(head)].subject + QLatin1Char('"');
            revert.authoredMs = pr.mergedMs + m_random.between(20 * kHourMs, 50 * kHourMs);
            scheduleDirect(std::move(revert), next);
        }
    }

    void scheduleDirect(Commit c, std::vector<Event>& next)
    {
        const std::int64_t at = c.authoredMs + m_random.between(5 * kMinuteMs, 20 * kMinuteMs);
        c.committedMs = at;
        m_direct.push_back(std::move(c));
        next.push_back({ at, EventKind::DirectPush, int(m_direct.size()) - 1 });
    }

    void directPush(Commit c, std::vector<Event>& next)
    {
        if (c.reverts >= 0) {
            // Undo what the reverted commit wrote, where its lines still stand.
            for (const FileChange& original : m_plan.commits[std::size_t(c.reverts)].changes) {
                if (std::any_of(c.changes.begin(), c.changes.end(),
                                [&](const FileChange& done) { return done.path == original.path; }))
                    continue; // one edit per file and commit: later edits' lines would have moved
                const auto& lines = m_files[original.path];
                auto first = std::find_if(lines.begin(), lines.end(),
                                          [&](const LineOrigin& o) { return o.commit == c.reverts; });
                if (first == lines.end())
                    continue;
                auto last = std::find_if(first, lines.end(),
                                         [&](const LineOrigin& o) { return o.commit != c.reverts; });
                FileChange undo;
                undo.path = original.path;
                undo.at = int(first - lines.begin());
                undo.removeCount = int(last - first);
                undo.addCount = original.removeCount;
                c.changes.push_back(undo);
            }
            if (c.changes.empty())
                return;
        } else {
            c.changes = changesFor(c.service, c.authoredMs);
        }
        const QString service = c.service;
        const bool hotfix = c.hotfix;
        const int index = append(std::move(c));
        const std::int64_t at = m_plan.commits[std::size_t(index)].committedMs;
        if (runCi(index, -1, QStringLiteral("push"), QStringLiteral("main"), at + 30 * 1000, false, false)) {
            deployStaging(service, index, at);
            if (hotfix)
                deployProduction(service, at + m_random.between(25 * kMinuteMs, 50 * kMinuteMs), true, next);
        }
    }

    // --- CI ----------------------------------------------------------------------------------------

    Job job(const QString& name, std::int64_t queuedMs, bool ai, bool& failed, bool& flaky, bool retry,
            bool mustPass)
    {
        Job j;
        j.id = 48000000000LL + std::int64_t(m_jobIds++) * 3;
        j.name = name;
        const bool e2e = name == QLatin1String("e2e");
        j.runnerLabel = e2e ? QStringLiteral("ubuntu-latest-8-cores") : QStringLiteral("ubuntu-latest");
        j.queuedMs = queuedMs;
        j.startedMs
            = queuedMs + (e2e ? m_random.between(kMinuteMs, 6 * kMinuteMs) : m_random.between(5000, 60000));
        j.usesCache = name == QLatin1String("build") || name == QLatin1String("unit-tests");
        j.cacheHit = j.usesCache && m_random.chance(0.72);
        const double progress = double(queuedMs - m_plan.startMs) / double(m_plan.endMs - m_plan.startMs);
        std::int64_t mainMs = 0;
        QString mainStep;
        if (name == QLatin1String("build")) {
            mainStep = QStringLiteral("Build");
            mainMs = m_random.between(2 * kMinuteMs, 4 * kMinuteMs) + (j.cacheHit ? 0 : 4 * kMinuteMs);
        } else if (name == QLatin1String("lint")) {
            mainStep = QStringLiteral("Lint");
            mainMs = m_random.between(50 * 1000, 100 * 1000);
        } else if (name == QLatin1String("unit-tests")) {
            // The test stage grows with the code base: about 4 minutes in May, 13 by October.
            mainStep = QStringLiteral("Run tests");
            mainMs = std::int64_t((4.0 + 9.0 * progress) * double(kMinuteMs)) + m_random.between(0, 60 * 1000)
                + (j.cacheHit ? 0 : 2 * kMinuteMs);
        } else {
            mainStep = QStringLiteral("Run end-to-end tests");
            mainMs = m_random.between(8 * kMinuteMs, 12 * kMinuteMs);
        }
        std::int64_t t = j.startedMs;
        const auto step = [&](const QString& stepName, std::int64_t ms, const QString& conclusion) {
            j.steps.push_back({ stepName, t, t + ms, conclusion });
            t += ms;
        };
        step(QStringLiteral("Set up job"), m_random.between(2000, 5000), QStringLiteral("success"));
        step(QStringLiteral("Checkout"), m_random.between(3000, 8000), QStringLiteral("success"));
        if (j.usesCache)
            step(QStringLiteral("Restore cache"), j.cacheHit ? m_random.between(5000, 20000) : 2000,
                 QStringLiteral("success"));
        failed = false;
        flaky = false;
        if (name == QLatin1String("unit-tests")) {
            failed = !mustPass && m_random.chance(ai ? 0.09 : 0.05);
            flaky = !mustPass && !failed && !retry && m_random.chance(0.06);
            for (const PlannedTest& planned : kTests) {
                TestCase test;
                test.suite = QString::fromLatin1(planned.suite);
                test.name = QString::fromLatin1(planned.name);
                test.seconds = double(m_random.between(20, 2500)) / 1000.0;
                j.tests.push_back(test);
            }
            if (failed) {
                const std::size_t which = std::size_t(m_random.below(int(kTestCount)));
                if (which != kFlakyTest) {
                    j.tests[which].failed = true;
                    j.tests[which].message = QString::fromUtf8(kTests[which].failure);
                    j.errorLine = QString::fromLatin1(kTests[which].where) + QStringLiteral(": ")
                        + j.tests[which].message;
                } else {
                    failed = false;
                }
            }
            if (flaky) {
                j.tests[kFlakyTest].failed = true;
                j.tests[kFlakyTest].message = QString::fromUtf8(kTests[kFlakyTest].failure);
                j.errorLine = QString::fromLatin1(kTests[kFlakyTest].where) + QStringLiteral(": ")
                    + j.tests[kFlakyTest].message;
            }
        }
        const bool bad = failed || flaky;
        step(mainStep, mainMs, bad ? QStringLiteral("failure") : QStringLiteral("success"));
        // The image build reuses its layers when the cache hits: what the cache saves shows here.
        if (name == QLatin1String("build"))
            step(QStringLiteral("Build image"),
                 j.cacheHit ? m_random.between(20000, 40000) : m_random.between(3 * kMinuteMs, 5 * kMinuteMs),
                 QStringLiteral("success"));
        if (j.usesCache && !j.cacheHit && !bad)
            step(QStringLiteral("Save cache"), m_random.between(20000, 40000), QStringLiteral("success"));
        step(QStringLiteral("Complete job"), 1000, QStringLiteral("success"));
        j.completedMs = t;
        j.conclusion = bad ? QStringLiteral("failure") : QStringLiteral("success");
        return j;
    }

    // Runs the workflow (and a re-run when only the flaky test failed); true when it ends green.
    bool runCi(int head, int pull, const QString& event, const QString& branch, std::int64_t atMs, bool ai,
               bool mustPass)
    {
        const std::int64_t id = 17000000000LL + std::int64_t(m_runIds++) * 7;
        bool green = false;
        std::int64_t created = atMs;
        for (int attempt = 1; attempt <= 2; ++attempt) {
            Run run;
            run.id = id;
            run.attempt = attempt;
            run.workflow = QStringLiteral("CI");
            run.event = event;
            run.branch = branch;
            run.headCommit = head;
            run.pullRequest = pull;
            run.createdMs = created;
            bool anyFailed = false;
            bool onlyFlaky = true;
            QStringList names { QStringLiteral("build"), QStringLiteral("lint"),
                                QStringLiteral("unit-tests") };
            names << QStringLiteral("e2e");
            for (const QString& name : names) {
                bool failed = false;
                bool flaky = false;
                run.jobs.push_back(job(name, created + m_random.between(2000, 10000), ai, failed, flaky,
                                       attempt > 1, mustPass));
                anyFailed = anyFailed || failed || flaky;
                onlyFlaky = onlyFlaky && !failed;
            }
            run.updatedMs = created;
            for (const Job& j : run.jobs)
                run.updatedMs = std::max(run.updatedMs, j.completedMs);
            run.conclusion = anyFailed ? QStringLiteral("failure") : QStringLiteral("success");
            m_plan.runs.push_back(run);
            green = !anyFailed;
            if (green || !onlyFlaky)
                break;
            created = run.updatedMs + m_random.between(5 * kMinuteMs, 20 * kMinuteMs); // re-run failed jobs
        }
        if (green)
            m_green[head] = true;
        return green;
    }

    // --- deployments and incidents ---------------------------------------------------------------

    void deployStaging(const QString& service, int commit, std::int64_t afterMs)
    {
        Deployment d;
        d.service = service;
        d.environment = QStringLiteral("staging");
        d.commit = commit;
        d.createdMs = afterMs + m_random.between(20 * kMinuteMs, 40 * kMinuteMs);
        d.finishedMs = d.createdMs + m_random.between(2 * kMinuteMs, 6 * kMinuteMs);
        d.status = QStringLiteral("success");
        d.viaArgoCd = service == QLatin1String("catalog");
        addDeployment(std::move(d));
    }

    int addDeployment(Deployment d)
    {
        d.id = 7000 + std::int64_t(m_plan.deployments.size());
        m_plan.deployments.push_back(std::move(d));
        return int(m_plan.deployments.size()) - 1;
    }

    // The latest green commit on main as of `atMs` that changed `service`, after the last production
    // deployment of it; -1 when there is nothing new.
    int undeployed(const QString& service, std::int64_t atMs) const
    {
        const auto last = m_lastProduction.find(service);
        const int from = last == m_lastProduction.end() ? 0 : last->second + 1;
        int head = -1;
        bool touched = false;
        for (int i = from; i < int(m_plan.commits.size()); ++i) {
            const Commit& c = m_plan.commits[std::size_t(i)];
            if (c.committedMs > atMs)
                break;
            touched = touched || c.service == service;
            const auto green = m_green.find(i);
            if (green != m_green.end() && touched)
                head = i;
        }
        return head;
    }

    void deployProduction(const QString& service, std::int64_t atMs, bool hotfix, std::vector<Event>& next)
    {
        const int head = undeployed(service, atMs);
        if (head < 0)
            return;
        const auto last = m_lastProduction.find(service);
        const int from = last == m_lastProduction.end() ? 0 : last->second + 1;
        // Deployments that are mostly AI-assisted lines and touch a planted directory break more often.
        bool planted = false;
        std::int64_t aiLines = 0;
        std::int64_t lines = 0;
        for (int i = from; i <= head; ++i) {
            const Commit& c = m_plan.commits[std::size_t(i)];
            if (c.service != service)
                continue;
            for (const FileChange& change : c.changes) {
                lines += change.addCount;
                if (c.aiAssisted()) {
                    aiLines += change.addCount;
                    planted = planted || this->planted(change.path);
                }
            }
        }
        const bool risky = planted && lines > 0 && 2 * aiLines >= lines;
        Deployment d;
        d.service = service;
        d.environment = QStringLiteral("production");
        d.commit = head;
        d.createdMs = atMs + m_random.between(0, 20 * kMinuteMs);
        d.finishedMs = d.createdMs + m_random.between(3 * kMinuteMs, 9 * kMinuteMs);
        d.viaArgoCd = service == QLatin1String("catalog");
        const bool failed = m_random.chance(0.03);
        d.status = failed ? QStringLiteral("failure") : QStringLiteral("success");
        const int previous = last == m_lastProduction.end() ? -1 : last->second;
        const int index = addDeployment(d);
        m_lastProduction[service] = head;
        if (failed && previous >= 0) {
            Deployment back = d;
            back.commit = previous;
            back.rollback = true;
            back.status = QStringLiteral("success");
            back.createdMs = d.finishedMs + m_random.between(5 * kMinuteMs, 15 * kMinuteMs);
            back.finishedMs = back.createdMs + m_random.between(3 * kMinuteMs, 6 * kMinuteMs);
            addDeployment(back);
            return;
        }
        if (!hotfix && m_random.chance(risky ? 0.3 : 0.05))
            incident(service, index, next);
        else if (m_random.chance(0.012))
            unplannedIncident(d.finishedMs + m_random.between(kHourMs, 30 * kHourMs));
    }

    void incident(const QString& service, int deployment, std::vector<Event>& next)
    {
        const ServiceShape& shape = serviceShapes()[std::size_t(m_plan.services.indexOf(service))];
        Incident i;
        i.title = m_random.pick(shape.incidentTitles);
        i.service = service;
        i.urgency = m_random.chance(0.7) ? QStringLiteral("high") : QStringLiteral("low");
        i.createdMs = m_plan.deployments[std::size_t(deployment)].finishedMs
            + m_random.between(15 * kMinuteMs, 5 * kHourMs);
        i.acknowledgedMs = i.createdMs + m_random.between(2 * kMinuteMs, 15 * kMinuteMs);
        i.resolvedMs = i.acknowledgedMs + m_random.between(20 * kMinuteMs, 6 * kHourMs);
        i.causedBy = deployment;
        addIncident(i);
        if (m_random.chance(0.6)) {
            Commit fix;
            fix.author = m_random.below(int(m_authors.size()));
            fix.service = service;
            fix.hotfix = true;
            fix.subject = QStringLiteral("hotfix(") + service + QStringLiteral("): ") + i.title.toLower();
            fix.authoredMs = i.acknowledgedMs + m_random.between(10 * kMinuteMs, 60 * kMinuteMs);
            if (m_random.chance(m_authors[std::size_t(fix.author)].aiShare))
                fix.marker = m_authors[std::size_t(fix.author)].marker;
            scheduleDirect(std::move(fix), next);
        }
    }

    void unplannedIncident(std::int64_t atMs)
    {
        Incident i;
        i.title = m_random.pick(kUnplannedIncidents);
        i.service = m_random.pick(std::vector<QString>(m_plan.services.begin(), m_plan.services.end()));
        i.urgency = QStringLiteral("high");
        i.createdMs = atMs;
        i.acknowledgedMs = atMs + m_random.between(3 * kMinuteMs, 20 * kMinuteMs);
        i.resolvedMs = i.acknowledgedMs + m_random.between(30 * kMinuteMs, 3 * kHourMs);
        addIncident(i);
    }

    void addIncident(Incident i)
    {
        i.number = 1201 + int(m_plan.incidents.size());
        i.id = 0; // set in order of creation below
        m_plan.incidents.push_back(std::move(i));
        std::stable_sort(m_plan.incidents.begin(), m_plan.incidents.end(),
                         [](const Incident& a, const Incident& b) { return a.createdMs < b.createdMs; });
        for (std::size_t n = 0; n < m_plan.incidents.size(); ++n) {
            m_plan.incidents[n].number = 1201 + int(n);
            m_plan.incidents[n].id = 900000 + std::int64_t(n);
        }
    }

    Random m_random;
    Plan m_plan;
    std::vector<Author> m_authors;
    std::map<QString, std::vector<LineOrigin>> m_files;
    std::vector<PlannedPull> m_pending;
    std::vector<Commit> m_direct;
    std::map<int, bool> m_green; // commits whose CI on main passed
    std::map<QString, int> m_lastProduction; // service → commit last deployed to production
    int m_runIds = 0;
    int m_jobIds = 0;
};

} // namespace

Plan planDemo(std::uint32_t seed)
{
    return Planner(seed).run();
}

int linkedDeployment(const Plan& plan, const Incident& incident)
{
    const std::int64_t created = incident.createdMs / 1000 * 1000;
    int found = -1;
    std::int64_t foundAt = 0;
    for (int d = 0; d < int(plan.deployments.size()); ++d) {
        const Deployment& deployment = plan.deployments[std::size_t(d)];
        if (deployment.service != incident.service || deployment.environment != QLatin1String("production")
            || deployment.status != QLatin1String("success"))
            continue;
        const std::int64_t at = deployment.finishedMs / 1000 * 1000;
        if (at <= created && (found < 0 || at >= foundAt)) {
            found = d;
            foundAt = at;
        }
    }
    return found >= 0 && created - foundAt <= 72 * kHourMs ? found : -1;
}

} // namespace faultline::demo
