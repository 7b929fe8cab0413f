// Pull request importers (importers/prs), end to end through runFileImport: `gh pr list --json` with
// every field and with a subset, gh's GraphQL response, JSON Lines, the GitHub REST pulls list in
// pages, GitLab merge requests; detection, malformed input, re-imports, subsets that keep what they
// lack, older exports that must not overwrite newer state, and the real samples in
// ../shared/samples/pull-requests.
//
// Fixtures are in tests/data/pull-requests (written for these tests, field for field like the samples
// and FORMATS.md §8). Epoch values were worked out by hand from these anchors:
// 2024-05-06T00:00:00Z = 1714953600, 2024-06-10T00:00:00Z = 1717977600,
// 2024-03-05T00:00:00Z = 1709596800, 2024-02-22T00:00:00Z = 1708560000; the arithmetic is in the comments.
#include "delivery_test_support.h"
#include "prs/pr_import.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace faultline;
using faultline::test::dataPath;
using faultline::test::importFiles;
using faultline::test::ScratchWorkspace;
using faultline::test::sharedSamplesDir;
// Checks are "<SQL> => <expected rows>", rows joined by "; ", columns by "|", NULL as NULL.
using faultline::test::verifyChecks;
using faultline::test::verifyFileImportFails;
using faultline::test::workspaceCount;
using faultline::test::workspaceRows;

namespace {

using faultline::test::S;

constexpr auto L = test::texts;

const importers::FileImportKind& prs()
{
    return importers::prs::importKind();
}

QString fixture(const QString& name)
{
    return dataPath(QStringLiteral("pull-requests/") + name);
}

QStringList fixtures(const QStringList& names)
{
    return test::dataPaths(names, QStringLiteral("pull-requests"));
}

QByteArray readFixture(const QString& name)
{
    return test::readData(QStringLiteral("pull-requests/") + name);
}

importers::FileImportOptions withProject(const QString& project)
{
    importers::FileImportOptions options;
    options.project = project;
    return options;
}

// Every stored row of the three tables, for before/after comparisons.
QStringList everything(const QString& workspace)
{
    return workspaceRows(workspace, "SELECT * FROM pull_requests ORDER BY id")
        + workspaceRows(workspace, "SELECT * FROM pr_commits ORDER BY pr_id, sha")
        + workspaceRows(workspace, "SELECT * FROM pr_reviews ORDER BY pr_id, review_key");
}

// gh_pr_list_full.json: 412 merged (2 commits, reviews P9a0 + Q2b1 and latestReviews Q2b1 + Q3c9),
// 415 an open draft (one commit, no reviews), 409 closed without merge (one commit).
// created 08:15:00Z = 1714953600 + 29700 s; merged 2024-05-07T14:02:30Z = 1714953600 + 86400 + 50550 s;
// updated one second later.
const char* kGhFull412
    = "SELECT provider, project, number, title, author, state, is_draft, created_at, merged_at, closed_at, "
      "updated_at, "
      "head_ref, head_sha, base_ref, merge_commit_sha, squash_commit_sha, merged_by, review_decision, "
      "additions, "
      "deletions, changed_files, labels, url FROM pull_requests WHERE number = 412 => "
      "github|northwind/billing-api|412|Cache tax rates per "
      "region|jkowalski|MERGED|0|1714983300000|1715090550000|"
      "1715090550000|1715090551000|feature/tax-cache|a17c93d05e2b4f6819c0d7e3b5a4f2e1d0c9b8a7|main|"
      "c0de5eed7a1b2c3d4e5f60718293a4b5c6d7e8f9|NULL|mlindqvist|APPROVED|184|37|6|[\"performance\","
      "\"backend\"]|"
      "https://github.com/northwind/billing-api/pull/412";
// 07:58:41Z = +28721 s, 08:01:12Z = +28872 s; 2024-05-07T11:20:05+02:00 = 09:20:05Z = +86400 + 33605 s,
// 11:31:47+02:00 = 09:31:47Z = +86400 + 34307 s. The second commit's first author is the co-author.
const char* kGhFull412Commits
    = "SELECT c.sha, c.authored_at, c.committed_at, c.author_name, c.author_email, c.author_login, "
      "c.headline "
      "FROM pr_commits c JOIN pull_requests p ON p.id = c.pr_id WHERE p.number = 412 ORDER BY c.authored_at "
      "=> "
      "4e1f0c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f|1714982321000|1714982472000|Jan Kowalski|"
      "jan.kowalski@northwind.example|jkowalski|Cache tax rates per region in memory; "
      "a17c93d05e2b4f6819c0d7e3b5a4f2e1d0c9b8a7|1715073605000|1715074307000|Maja Lindqvist|"
      "mlindqvist@northwind.example|mlindqvist|Invalidate the cache when a rate changes";
// 2024-05-06T10:40:12Z = +38412 s; 2024-05-07T13:55:03Z = +86400 + 50103 s; 13:58:40Z = +86400 + 50320 s.
const char* kGhFull412Reviews = "SELECT r.review_key, r.author, r.state, r.submitted_at FROM pr_reviews r "
                                "JOIN pull_requests p ON p.id = r.pr_id "
                                "WHERE p.number = 412 ORDER BY r.submitted_at => "
                                "PRR_kwDOHt7aJc5xP9a0|mlindqvist|CHANGES_REQUESTED|1714992012000; "
                                "PRR_kwDOHt7aJc5xQ2b1|mlindqvist|APPROVED|1715090103000; "
                                "PRR_kwDOHt7aJc5xQ3c9|okafor|APPROVED|1715090320000";

} // namespace

class TestImportPrs : public QObject
{
    Q_OBJECT

private slots:
    void formats_data();
    void formats();
    void detection_data();
    void detection();
    void malformed_data();
    void malformed();
    void reimportAddsNothing();
    void subsetKeepsCommitsAndReviews();
    void olderUpdateDoesNotOverwrite_data();
    void olderUpdateDoesNotOverwrite();
    void projectFallbacks_data();
    void projectFallbacks();
    void emptyExport();
    void skewedTimesAreKeptWithAWarning();
    void sharedSampleGhGraphql();
    void sharedSampleGitlab();
};

void TestImportPrs::formats_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("project");
    QTest::addColumn<int>("prs");
    QTest::addColumn<int>("commits");
    QTest::addColumn<int>("reviews");
    QTest::addColumn<QStringList>("checks");

    // 2024-05-08T09:00:00Z = +2 d + 32400 s → 1715158800; 16:20:45Z = +2 d + 58845 s → 1715185245;
    // commit 08:47:19Z = +2 d + 31639 s. 409: closed 2024-05-03T06:12:09Z = 1714953600 − 3 d + 22329 s.
    QTest::addRow("gh, full field list")
        << L({ "gh_pr_list_full.json" }) << QString() << 3 << 4 << 3
        << L({ kGhFull412, kGhFull412Commits, kGhFull412Reviews,
               "SELECT number, state, is_draft, created_at, merged_at, closed_at, updated_at, head_sha, "
               "merge_commit_sha, "
               "merged_by, review_decision, labels FROM pull_requests WHERE number <> 412 ORDER BY number => "
               "409|CLOSED|0|1714366930000|NULL|1714716729000|1714716730000|"
               "0f9e8d7c6b5a49382716051f2e3d4c5b6a798081|NULL|"
               "NULL|NULL|[\"dependencies\"]; "
               "415|OPEN|1|1715158800000|NULL|NULL|1715185245000|5b6a7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b|"
               "NULL|NULL|"
               "REVIEW_REQUIRED|[]",
               // An author without a GitHub account has an empty login: nothing is stored for it.
               "SELECT p.number, c.sha, c.authored_at, c.author_name, c.author_login, c.headline FROM "
               "pr_commits c "
               "JOIN pull_requests p ON p.id = c.pr_id WHERE p.number <> 412 ORDER BY p.number => "
               "409|0f9e8d7c6b5a49382716051f2e3d4c5b6a798081|1714366904000|dependabot[bot]|dependabot[bot]|"
               "Bump lodash from 4.17.20 to 4.17.21; "
               "415|5b6a7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b|1715158039000|Priya Nair|NULL|Retry webhook "
               "deliveries with backoff",
               // gh's "app/dependabot" is the account REST calls "dependabot[bot]".
               "SELECT author FROM pull_requests WHERE number = 409 => dependabot[bot]" });
    // `--json number,title,mergedAt`: no url, so no project; 2024-05-09T10:30:00Z = +3 d + 37800 s.
    QTest::addRow("gh, minimal subset")
        << L({ "gh_pr_list_minimal.json" }) << QString() << 3 << 0 << 0
        << L({ "SELECT provider, project, number, title, author, state, is_draft, created_at, merged_at, "
               "updated_at, head_sha, "
               "merge_commit_sha, labels, url FROM pull_requests ORDER BY number => "
               "github||412|Cache tax rates per region (per currency "
               "too)|NULL|NULL|0|NULL|1715090550000|NULL|NULL|NULL|[]|NULL; "
               "github||415|Retry webhook deliveries|NULL|NULL|0|NULL|NULL|NULL|NULL|NULL|[]|NULL; "
               "github||418|Document the cache "
               "settings|NULL|NULL|0|NULL|1715250600000|NULL|NULL|NULL|[]|NULL" });
    QTest::addRow("gh, minimal subset with --project")
        << L({ "gh_pr_list_minimal.json" }) << S("northwind/billing-api") << 3 << 0 << 0
        << L({ "SELECT DISTINCT project FROM pull_requests => northwind/billing-api" });
    // 57: created 12:00:00Z = 1717977600 + 43200 s; merged 15:45:09Z = +56709 s; commit authored 11:49:02Z
    // = +42542 s, committed 11:52:31Z = +42751 s; review 14:03:27Z = +50607 s. The review has no id: the
    // same review in latestReviews (author + time) counts once.
    QTest::addRow("gh, GraphQL response")
        << L({ "gh_pr_list_graphql.json" }) << QString() << 2 << 1 << 1
        << L({ "SELECT project, number, title, author, state, is_draft, created_at, merged_at, updated_at, "
               "head_ref, "
               "base_ref, head_sha, merge_commit_sha, merged_by, labels FROM pull_requests ORDER BY number "
               "=> "
               "northwind/ledger|57|Reject negative "
               "amounts|okafor|MERGED|0|1718020800000|1718034309000|1718034310000|"
               "reject-negative|main|6e5d4c3b2a190817f6e5d4c3b2a190817f6e5d4c|"
               "d4c3b2a1908f7e6d5c4b3a291807f6e5d4c3b2a1|"
               "okafor|[\"bug\"]; "
               "northwind/ledger|58|Split ledger entries by "
               "currency|NULL|OPEN|1|1718091000000|NULL|NULL|currency-split|"
               "NULL|NULL|NULL|NULL|[]",
               "SELECT sha, authored_at, committed_at, author_name, author_email, author_login, headline "
               "FROM pr_commits => "
               "6e5d4c3b2a190817f6e5d4c3b2a190817f6e5d4c|1718020142000|1718020351000|Chidi "
               "Okafor|chidi@northwind.example|"
               "okafor|Reject negative amounts in ledger entries",
               "SELECT review_key, author, state, submitted_at FROM pr_reviews => "
               "jkowalski@2024-06-10T14:03:27Z|jkowalski|APPROVED|1718028207000" });
    // `--jq '.[]'`: one PR per line. 2024-06-03T09:12:44Z = 1717977600 − 7 d + 33164 s.
    QTest::addRow("gh, JSON Lines")
        << L({ "gh_pr_list_lines.jsonl" }) << QString() << 2 << 0 << 0
        << L({ "SELECT project, number, state, merged_at, head_sha, labels FROM pull_requests ORDER BY "
               "number => "
               "northwind/"
               "ledger|55|MERGED|1717405964000|b1c2d3e4f5a60718293a4b5c6d7e8f9012345678|[\"chore\"]; "
               "northwind/ledger|56|CLOSED|NULL|c2d3e4f5a60718293a4b5c6d7e8f901234567891|[]" });
    // Two pages back to back. 415 (open) and 409 (closed, unmerged) carry a test-merge sha: not stored.
    // 412 updated 2024-05-09T08:00:00Z = +3 d + 28800 s.
    QTest::addRow("GitHub REST pulls, two pages")
        << L({ "github_rest_pulls.json" }) << QString() << 3 << 0 << 0
        << L({ "SELECT provider, project, number, title, author, state, is_draft, created_at, merged_at, "
               "closed_at, "
               "updated_at, head_ref, head_sha, base_ref, merge_commit_sha, labels, url FROM pull_requests "
               "ORDER BY number => "
               "github|northwind/billing-api|409|Bump lodash from 4.17.20 to "
               "4.17.21|dependabot[bot]|CLOSED|0|1714366930000|"
               "NULL|1714716729000|1714716730000|dependabot/npm_and_yarn/lodash-4.17.21|"
               "0f9e8d7c6b5a49382716051f2e3d4c5b6a798081|main|NULL|[\"dependencies\"]|"
               "https://github.com/northwind/billing-api/pull/409; "
               "github|northwind/billing-api|412|Cache tax rates per "
               "region|jkowalski|MERGED|0|1714983300000|1715090550000|"
               "1715090550000|1715241600000|feature/tax-cache|a17c93d05e2b4f6819c0d7e3b5a4f2e1d0c9b8a7|main|"
               "c0de5eed7a1b2c3d4e5f60718293a4b5c6d7e8f9|[\"performance\",\"backend\",\"released\"]|"
               "https://github.com/northwind/billing-api/pull/412; "
               "github|northwind/billing-api|415|Retry webhook "
               "deliveries|pnair|OPEN|1|1715158800000|NULL|NULL|1715185245000|"
               "pnair/webhook-retry|5b6a7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b|main|NULL|[]|"
               "https://github.com/northwind/billing-api/pull/415",
               "SELECT count(*) FROM pull_requests WHERE merge_commit_sha IN "
               "('7f6e5d4c3b2a19080f1e2d3c4b5a69788796a5b4', '8a7b6c5d4e3f201918171615141312111009f8e7') => "
               "0" });
    // 87: created 2024-03-04T13:02:55.041+01:00 = 12:02:55.041Z = 1709596800 − 86400 + 43375.041 s; merged
    // 2024-03-05T11:12:40.527+01:00 = 10:12:40.527Z = +36760.527 s; updated 0.673 s later.
    // 91: created 2024-03-06T09:14:22.310Z = +86400 + 33262.310 s; updated 2024-03-07T16:40:03.992Z
    // = +2 d + 60003.992 s. 80 (an older server: no draft, no merge_user): created 2024-02-26T08:00:12.777Z
    // = 1708560000 + 4 d + 28812.777 s; merged 2024-02-27T10:04:59.512Z = +5 d + 36299.512 s.
    // 78: closed 2024-02-22T09:00:00.950Z = 1708560000 + 32400.950 s.
    QTest::addRow("GitLab merge requests")
        << L({ "gitlab_merge_requests.json" }) << QString() << 4 << 0 << 0
        << L({ "SELECT provider, project, number, title, author, state, is_draft, created_at, merged_at, "
               "closed_at, updated_at, "
               "head_ref, head_sha, base_ref, merge_commit_sha, squash_commit_sha, merged_by, labels, url "
               "FROM pull_requests "
               "ORDER BY number => "
               "gitlab|4242|78|Try a new coupon "
               "engine|tnguyen|closed|0|1708443000000|NULL|1708592400950|1708592401001|"
               "coupon-engine-spike|5e4d3c2b1a0f9e8d7c6b5a493827160514f3e2d1|main|NULL|NULL|NULL|[\"spike\"]|"
               "https://gitlab.example.com/acme/shop-api/-/merge_requests/78; "
               "gitlab|4242|80|Log slow checkout "
               "queries|adeyemi|merged|0|1708934412777|1709028299512|NULL|1709028300000|"
               "slow-query-log|2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f|main|"
               "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d|NULL|"
               "adeyemi|[]|https://gitlab.example.com/acme/shop-api/-/merge_requests/80; "
               "gitlab|4242|87|Cart totals: round per line, not per "
               "cart|tnguyen|merged|0|1709553775041|1709633560527|NULL|"
               "1709633561200|feature/cart-totals|3f1c6e8a2b4d0f9e7c5a3b1d8e6f4a2c0b9d7e5f|main|"
               "e7d6c5b4a3928170f6e5d4c3b2a1908f7e6d5c4b|f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e|rfischer|"
               "[\"backend\",\"cart\"]|https://gitlab.example.com/acme/shop-api/-/merge_requests/87; "
               "gitlab|4242|91|Draft: Show cart totals per "
               "currency|tnguyen|opened|1|1709716462310|NULL|NULL|1709829603992|"
               "feature/cart-currency|9a8b7c6d5e4f30211f0e9d8c7b6a594837261504|main|NULL|NULL|NULL|"
               "[\"frontend\",\"workflow::in "
               "dev\"]|https://gitlab.example.com/acme/shop-api/-/merge_requests/91" });
    // The REST list, newer for 412 (updated 2024-05-09), adds the "released" label and keeps gh's commits,
    // reviews, review decision and line counts, which it lacks.
    QTest::addRow("gh, then REST of the same repository")
        << L({ "gh_pr_list_full.json", "github_rest_pulls.json" }) << QString() << 3 << 4 << 3
        << L({ kGhFull412Commits, kGhFull412Reviews,
               "SELECT state, updated_at, merge_commit_sha, review_decision, additions, changed_files, "
               "merged_by, labels "
               "FROM pull_requests WHERE number = 412 => "
               "MERGED|1715241600000|c0de5eed7a1b2c3d4e5f60718293a4b5c6d7e8f9|"
               "APPROVED|184|6|mlindqvist|[\"performance\",\"backend\",\"released\"]",
               "SELECT author FROM pull_requests WHERE number = 409 => dependabot[bot]" });
}

void TestImportPrs::formats()
{
    QFETCH(QStringList, files);
    QFETCH(QString, project);
    QFETCH(int, prs);
    QFETCH(int, commits);
    QFETCH(int, reviews);
    QFETCH(QStringList, checks);
    ScratchWorkspace s;
    const auto report = importFiles(s.workspace, ::prs(), fixtures(files), withProject(project));
    QCOMPARE(report.warnings, 0);
    QCOMPARE(workspaceCount(s.workspace, "pull_requests"), prs);
    QCOMPARE(workspaceCount(s.workspace, "pr_commits"), commits);
    QCOMPARE(workspaceCount(s.workspace, "pr_reviews"), reviews);
    verifyChecks(s.workspace, checks);
}

void TestImportPrs::detection_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addRow("gh full") << S("gh_pr_list_full.json") << S("gh");
    QTest::addRow("gh minimal") << S("gh_pr_list_minimal.json") << S("gh");
    QTest::addRow("gh GraphQL") << S("gh_pr_list_graphql.json") << S("gh");
    QTest::addRow("gh JSON Lines") << S("gh_pr_list_lines.jsonl") << S("gh");
    QTest::addRow("REST pages") << S("github_rest_pulls.json") << S("github-rest");
    QTest::addRow("GitLab") << S("gitlab_merge_requests.json") << S("gitlab");
}

void TestImportPrs::detection()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QCOMPARE(::prs().detect(fixture(file)), format);
    ScratchWorkspace s;
    const auto report = importFiles(s.workspace, ::prs(), { fixture(file) });
    QCOMPARE(report.files.size(), size_t(1));
    QCOMPARE(report.files.front().format, format);
    QCOMPARE(workspaceRows(s.workspace, "SELECT format FROM imports"),
             QStringList { QStringLiteral("prs:") + format });
}

void TestImportPrs::malformed_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("message");

    const QByteArray gh = readFixture(QStringLiteral("gh_pr_list_full.json"));
    auto edited = [](QByteArray copy, const char* from, const char* to) {
        if (!copy.contains(from))
            qFatal("fixture lacks %s", from);
        return copy.replace(copy.indexOf(from), qsizetype(qstrlen(from)), to);
    };
    QTest::addRow("truncated JSON") << S("bad.json") << gh.left(gh.indexOf("\"latestReviews\"")) << QString()
                                    << L({ "bad.json:", "invalid JSON" });
    QTest::addRow("number as a string")
        << S("bad.json") << edited(gh, "\"number\": 412", "\"number\": \"abc\"") << QString()
        << L({ "bad.json",
               "$[0].number: expected the pull request number (a positive integer), found the string "
               "\"abc\"" });
    QTest::addRow("number zero") << S("bad.json") << edited(gh, "\"number\": 409", "\"number\": 0")
                                 << QString()
                                 << L({ "bad.json", "$[2].number: expected the pull request number",
                                        "found the number 0" });
    QTest::addRow("missing number") << S("bad.json") << edited(gh, "\"number\": 415,", "") << QString()
                                    << L({ "bad.json", "$[1].number: expected the pull request number",
                                           "found nothing" });
    QTest::addRow("commits not an array")
        << S("bad.json") << edited(gh, "\"commits\": [", "\"commits\": 2, \"commitList\": [") << QString()
        << L({ "bad.json", "$[0].commits: expected an array, found the number 2" });
    QTest::addRow("commit without oid")
        << S("bad.json")
        << edited(gh, "\"oid\": \"4e1f0c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f\"", "\"sha\": \"4e1f0c2a\"")
        << QString() << L({ "bad.json", "$[0].commits[0].oid: expected a commit sha, found nothing" });
    QTest::addRow("merge commit not a sha")
        << S("bad.json")
        << edited(gh, "\"oid\": \"c0de5eed7a1b2c3d4e5f60718293a4b5c6d7e8f9\"", "\"oid\": \"main\"")
        << QString()
        << L({ "bad.json",
               "$[0].mergeCommit.oid: expected a commit sha (7 to 64 hex digits), found the string "
               "\"main\"" });
    QTest::addRow("timestamp garbage")
        << S("bad.json")
        << edited(gh, "\"mergedAt\": \"2024-05-07T14:02:30Z\"", "\"mergedAt\": \"yesterday\"") << QString()
        << L({ "bad.json", "$[0].mergedAt: expected an ISO-8601 timestamp, found the string \"yesterday\"" });
    // Times of one pull request more than the clock-skew tolerance (24 h) backwards.
    QTest::addRow("closed 3 days before created")
        << S("bad.json")
        << edited(gh, "\"closedAt\": \"2024-05-07T14:02:30Z\"", "\"closedAt\": \"2024-05-03T08:15:00Z\"")
        << QString()
        << L({ "bad.json",
               "$[0].closedAt: closedAt 2024-05-03T08:15:00Z is 3 days before createdAt "
               "2024-05-06T08:15:00Z; expected a time at most 24 h before it (clock skew)" });
    QTest::addRow("REST merged before created")
        << S("rest.json")
        << QByteArray(
               R"([{"number": 3, "html_url": "https://github.com/o/r/pull/3", "created_at": "2024-05-06T08:15:00Z", "merged_at": "2024-05-05T08:00:00Z"}])")
        << QString()
        << L({ "rest.json",
               "$[0].merged_at: merged_at 2024-05-05T08:00:00Z is 1 day 15 min before created_at" });
    QTest::addRow("GitLab merged before created")
        << S("mr.json")
        << QByteArray(
               R"([{"iid": 7, "source_branch": "a", "target_branch": "main", "created_at": "2024-03-04T13:02:55.041+01:00", "merged_at": "2024-03-02T13:02:55.041+01:00"}])")
        << QString()
        << L({ "mr.json", "$[0].merged_at: merged_at 2024-03-02T12:02:55.041Z is 2 days before created_at" });
    QTest::addRow("review not an object")
        << S("bad.json") << edited(gh, "\"reviews\": [", "\"reviews\": [\"APPROVED\", ") << QString()
        << L({ "bad.json", "$[0].reviews[0]: expected a review object, found the string \"APPROVED\"" });
    QTest::addRow("author as a string")
        << S("bad.json") << QByteArray(R"([{"number": 5, "author": "jkowalski"}])") << QString()
        << L({ "bad.json", "$[0].author: expected an object with \"login\"" });
    QTest::addRow("label as a number")
        << S("bad.json") << QByteArray(R"([{"number": 5, "labels": [7]}])") << QString()
        << L({ "bad.json", "$[0].labels[0]: expected a string, found the number 7" });
    QTest::addRow("unrelated JSON")
        << S("runs.json")
        << QByteArray(R"({"total_count": 1, "workflow_runs": [{"id": 7, "head_sha": "abc"}]})") << QString()
        << L({ "runs.json: not a pull request export", "\"total_count\", \"workflow_runs\"", "--format" });
    QTest::addRow("records of no pull request shape")
        << S("x.json") << QByteArray(R"([{"kind": "issue", "id": 4}])") << QString()
        << L({ "x.json: not a pull request export", "\"kind\", \"id\" at $[0]" });
    QTest::addRow("array of numbers") << S("x.json") << QByteArray("[1, 2]") << QString()
                                      << L({ "x.json: not a pull request export", "not an object at $[0]" });
    QTest::addRow("not JSON") << S("prs.csv") << QByteArray("number,title\n1,Fix\n") << QString()
                              << L({ "prs.csv:1: not a pull request export: the file is not JSON" });
    QTest::addRow("empty file") << S("prs.json") << QByteArray("\n") << QString()
                                << L({ "prs.json:1: not a pull request export: the file is empty" });
    QTest::addRow("GraphQL error response")
        << S("gql.json")
        << QByteArray(
               R"({"data": {"repository": null}, "errors": [{"type": "NOT_FOUND", "message": "Could not resolve to a Repository with the name 'northwind/nope'."}]})")
        << QString()
        << L({ "gql.json", "$.errors[0]: the GraphQL query failed: Could not resolve to a Repository" });
    QTest::addRow("GraphQL without nodes")
        << S("gql.json") << QByteArray(R"({"data": {"repository": {"pullRequests": {"totalCount": 3}}}})")
        << QString()
        << L({ "gql.json",
               "$.data.repository.pullRequests: expected an object with \"nodes\" or \"edges\"" });
    QTest::addRow("REST head as a string")
        << S("rest.json")
        << QByteArray(R"([{"number": 3, "html_url": "https://github.com/o/r/pull/3", "head": "main"}])")
        << QString()
        << L({ "rest.json", "$[0].head: expected an object with \"ref\", found the string \"main\"" });
    QTest::addRow("REST page 2 without number")
        << S("rest.json")
        << QByteArray(
               "[{\"number\": 3, \"html_url\": \"https://github.com/o/r/pull/3\", \"merged_at\": null}]\n"
               "[{\"html_url\": \"https://github.com/o/r/pull/2\", \"merged_at\": null}]")
        << QString() << L({ "rest.json", "$[0].number: expected the pull request number", "found nothing" });
    QTest::addRow("GitLab iid as a string")
        << S("mr.json") << QByteArray(R"([{"iid": "!7", "source_branch": "a", "target_branch": "main"}])")
        << QString()
        << L({ "mr.json",
               "$[0].iid: expected the pull request number (a positive integer), found the string \"!7\"" });
    QTest::addRow("GitLab labels not a list")
        << S("mr.json")
        << QByteArray(R"([{"iid": 7, "source_branch": "a", "target_branch": "main", "labels": "bug"}])")
        << QString() << L({ "mr.json", "$[0].labels: expected an array, found the string \"bug\"" });
    QTest::addRow("gh file read as GitLab")
        << S("bad.json") << gh << S("gitlab")
        << L({ "bad.json", "$[0].iid: expected the pull request number", "found nothing" });
}

void TestImportPrs::malformed()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, format);
    QFETCH(QStringList, message);
    ScratchWorkspace s;
    importFiles(s.workspace, ::prs(), fixtures(L({ "gh_pr_list_graphql.json" })));
    const QString file = s.write(name, content);
    importers::FileImportOptions options;
    options.format = format;
    verifyFileImportFails(s.workspace, ::prs(), { file }, options, message);
    QCOMPARE(workspaceCount(s.workspace, "pull_requests"), 2);
    QCOMPARE(workspaceCount(s.workspace, "pr_commits"), 1);
    QCOMPARE(workspaceCount(s.workspace, "pr_reviews"), 1);
}

void TestImportPrs::reimportAddsNothing()
{
    ScratchWorkspace s;
    const QStringList all
        = fixtures(L({ "gh_pr_list_full.json", "gh_pr_list_graphql.json", "gh_pr_list_lines.jsonl",
                       "github_rest_pulls.json", "gitlab_merge_requests.json" }));
    importFiles(s.workspace, ::prs(), all);
    const QStringList before = everything(s.workspace);
    QCOMPARE(workspaceCount(s.workspace, "pull_requests"), 3 + 2 + 2 + 4);
    QCOMPARE(workspaceCount(s.workspace, "pr_commits"), 4 + 1);
    QCOMPARE(workspaceCount(s.workspace, "pr_reviews"), 3 + 1);
    importFiles(s.workspace, ::prs(), all);
    for (const QString& file : all)
        importFiles(s.workspace, ::prs(), { file });
    QCOMPARE(everything(s.workspace), before);
}

void TestImportPrs::subsetKeepsCommitsAndReviews()
{
    ScratchWorkspace s;
    importFiles(s.workspace, ::prs(), fixtures(L({ "gh_pr_list_full.json" })));
    // `--json number,title,mergedAt` names no repository: --project puts it on the same rows. It has no
    // updatedAt, so it applies, and changes the title only.
    importFiles(s.workspace, ::prs(), fixtures(L({ "gh_pr_list_minimal.json" })),
                withProject(S("northwind/billing-api")));
    QCOMPARE(workspaceCount(s.workspace, "pull_requests"), 4); // 418 is new
    QCOMPARE(workspaceCount(s.workspace, "pr_commits"), 4);
    QCOMPARE(workspaceCount(s.workspace, "pr_reviews"), 3);
    verifyChecks(
        s.workspace,
        L({ kGhFull412Commits, kGhFull412Reviews,
            "SELECT title, state, merged_at, head_sha, merge_commit_sha, labels, review_decision FROM "
            "pull_requests "
            "WHERE number = 412 => Cache tax rates per region (per currency too)|MERGED|1715090550000|"
            "a17c93d05e2b4f6819c0d7e3b5a4f2e1d0c9b8a7|c0de5eed7a1b2c3d4e5f60718293a4b5c6d7e8f9|"
            "[\"performance\",\"backend\"]|APPROVED",
            // Without isDraft in the export, the stored draft flag stays.
            "SELECT is_draft FROM pull_requests WHERE number = 415 => 1" }));
    // The REST list has no commits or reviews either; gh's stay.
    importFiles(s.workspace, ::prs(), fixtures(L({ "github_rest_pulls.json" })));
    QCOMPARE(workspaceCount(s.workspace, "pull_requests"), 4);
    verifyChecks(s.workspace, L({ kGhFull412Commits, kGhFull412Reviews }));
    // A later gh export with an empty commits list does replace them: the PR has none now.
    const QString emptied = s.write(
        QStringLiteral("emptied.json"),
        R"([{"number": 415, "url": "https://github.com/northwind/billing-api/pull/415", "updatedAt": "2024-05-10T00:00:00Z",
             "commits": [], "reviews": []},
            {"number": 409, "url": "https://github.com/northwind/billing-api/pull/409", "updatedAt": "2024-05-10T00:00:00Z",
             "labels": []}])");
    importFiles(s.workspace, ::prs(), { emptied });
    verifyChecks(s.workspace,
                 L({ "SELECT count(*) FROM pr_commits c JOIN pull_requests p ON p.id = c.pr_id WHERE "
                     "p.number = 415 => 0",
                     "SELECT count(*) FROM pr_commits => 3",
                     // An empty labels list clears them; an absent one keeps them.
                     "SELECT labels FROM pull_requests WHERE number = 409 => []",
                     "SELECT labels FROM pull_requests WHERE number = 412 => "
                     "[\"performance\",\"backend\",\"released\"]" }));
}

void TestImportPrs::olderUpdateDoesNotOverwrite_data()
{
    QTest::addColumn<bool>("olderFirst");
    QTest::addRow("newer export, then an older one") << false;
    QTest::addRow("older export, then the newer one") << true;
}

void TestImportPrs::olderUpdateDoesNotOverwrite()
{
    // A snapshot of 412 taken while it was open (updated 2024-05-06T12:00:00Z, before the stored
    // 2024-05-07T14:02:31Z), with only its first commit and no reviews.
    QFETCH(bool, olderFirst);
    ScratchWorkspace s;
    const QString older = s.write(QStringLiteral("older.json"), R"x([
  {"number": 412, "title": "WIP: tax cache", "url": "https://github.com/northwind/billing-api/pull/412",
   "state": "OPEN", "updatedAt": "2024-05-06T12:00:00Z", "mergedAt": null, "headRefOid": "4e1f0c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f",
   "commits": [{"oid": "4e1f0c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f", "authoredDate": "2024-05-06T07:58:41Z",
                "committedDate": "2024-05-06T08:01:12Z", "messageHeadline": "Cache tax rates per region in memory",
                "authors": [{"name": "Jan Kowalski", "email": "jan.kowalski@northwind.example", "login": "jkowalski"}]}],
   "reviews": [], "latestReviews": []}
])x");
    const QString full = fixture(QStringLiteral("gh_pr_list_full.json"));
    if (olderFirst) {
        importFiles(s.workspace, ::prs(), { older });
        importFiles(s.workspace, ::prs(), { full });
    } else {
        importFiles(s.workspace, ::prs(), { full });
        importFiles(s.workspace, ::prs(), { older });
    }
    QCOMPARE(workspaceCount(s.workspace, "pull_requests"), 3);
    verifyChecks(s.workspace, L({ kGhFull412, kGhFull412Commits, kGhFull412Reviews }));
}

void TestImportPrs::projectFallbacks_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("project");
    QTest::addColumn<QString>("expected");

    // GitLab: project_id, else the path of references.full, else of web_url, else --project.
    QTest::addRow("GitLab project_id wins over --project")
        << QByteArray(R"([{"iid": 7, "project_id": 88, "source_branch": "a", "target_branch": "main"}])")
        << S("grp/app") << S("gitlab|88|7");
    QTest::addRow("GitLab references.full") << QByteArray(
        R"([{"iid": 7, "source_branch": "a", "target_branch": "main", "references": {"full": "grp/sub/app!7"},
                          "web_url": "https://gitlab.example.com/other/path/-/merge_requests/7"}])")
                                            << S("grp/app") << S("gitlab|grp/sub/app|7");
    QTest::addRow("GitLab web_url") << QByteArray(
        R"([{"iid": 7, "source_branch": "a", "target_branch": "main",
                          "web_url": "https://gitlab.example.com/grp/sub/app/-/merge_requests/7"}])")
                                    << QString() << S("gitlab|grp/sub/app|7");
    QTest::addRow("GitLab --project")
        << QByteArray(R"([{"iid": 7, "source_branch": "a", "target_branch": "main"}])") << S("grp/app")
        << S("gitlab|grp/app|7");
    // REST: base.repo.full_name, else --project, else html_url.
    QTest::addRow("REST base.repo wins over --project") << QByteArray(
        R"([{"number": 3, "html_url": "https://github.com/o/r/pull/3", "base": {"ref": "main", "repo": {"full_name": "o/r"}}}])")
                                                        << S("x/y") << S("github|o/r|3");
    QTest::addRow("REST --project") << QByteArray(
        R"([{"number": 3, "html_url": "https://github.com/o/r/pull/3", "base": {"ref": "main", "repo": null}}])")
                                    << S("x/y") << S("github|x/y|3");
    QTest::addRow("REST html_url") << QByteArray(
        R"([{"number": 3, "html_url": "https://ghe.example.com/o/r/pull/3", "merged_at": null}])")
                                   << QString() << S("github|o/r|3");
    // gh: --project, else the url.
    QTest::addRow("gh --project wins over url")
        << QByteArray(R"([{"number": 3, "url": "https://github.com/o/r/pull/3", "mergedAt": null}])")
        << S("x/y") << S("github|x/y|3");
    QTest::addRow("gh url") << QByteArray(R"([{"number": 3, "url": "https://github.com/o/r/pull/3"}])")
                            << QString() << S("github|o/r|3");
}

void TestImportPrs::projectFallbacks()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, project);
    QFETCH(QString, expected);
    ScratchWorkspace s;
    const QString file = s.write(QStringLiteral("export.json"), content);
    importFiles(s.workspace, ::prs(), { file }, withProject(project));
    QCOMPARE(workspaceRows(s.workspace, "SELECT provider, project, number FROM pull_requests"),
             QStringList { expected });
}

void TestImportPrs::emptyExport()
{
    // Decision: `[]` (a quiet period) is a valid export of any format: it imports nothing and warns.
    ScratchWorkspace s;
    const QString file = s.write(QStringLiteral("none.json"), "[]\n[]\n");
    QCOMPARE(::prs().detect(file), S("gh"));
    const auto report = importFiles(s.workspace, ::prs(), { file });
    QCOMPARE(report.warnings, 1);
    QCOMPARE(workspaceCount(s.workspace, "pull_requests"), 0);
}

void TestImportPrs::skewedTimesAreKeptWithAWarning()
{
    // Merged 45 s before it was created (two services' clocks): kept as given, with a warning.
    ScratchWorkspace s;
    const QString file = s.write(
        S("rest.json"),
        R"([{"number": 3, "html_url": "https://github.com/o/r/pull/3", "created_at": "2024-05-06T08:15:00Z", "merged_at": "2024-05-06T08:14:15Z"}])");
    const auto report = importFiles(s.workspace, ::prs(), { file });
    QCOMPARE(report.warnings, 1);
    QCOMPARE(workspaceRows(s.workspace, "SELECT created_at, merged_at FROM pull_requests"),
             L({ "1714983300000|1714983255000" }));
    QCOMPARE(workspaceRows(s.workspace, "SELECT kind, location, detail FROM import_warnings"),
             L({ "inconsistent|$[0].merged_at|merged_at 2024-05-06T08:14:15Z is 45 s before created_at "
                 "2024-05-06T08:15:00Z (clock skew; kept as given)" }));
}

void TestImportPrs::sharedSampleGhGraphql()
{
    const QString samples = sharedSamplesDir();
    if (samples.isEmpty())
        QSKIP("../shared/samples is not there");
    const QString sample
        = QDir(samples).filePath(QStringLiteral("pull-requests/gh_pr_list_graphql_fixture_cli-cli.json"));
    QCOMPARE(::prs().detect(sample), S("gh"));
    ScratchWorkspace s;
    const auto report = importFiles(s.workspace, ::prs(), { sample });
    QCOMPARE(report.warnings, 0);
    QCOMPARE(workspaceCount(s.workspace, "pull_requests"), 3);
    QCOMPARE(workspaceCount(s.workspace, "pr_commits"), 0);
    QCOMPARE(workspaceCount(s.workspace, "pr_reviews"), 0);
    // 2022-08-24T20:01:12Z = 1661371272 s; 2022-07-20T19:01:12Z = 1658343672 s; 2020-01-26T19:01:12Z =
    // 1580065272 s. The sample has no mergedAt: 28 is MERGED by state only.
    verifyChecks(
        s.workspace,
        L({ "SELECT provider, project, number, title, state, is_draft, created_at, merged_at, head_ref, url "
            "FROM pull_requests "
            "ORDER BY number => "
            "github|monalisa/hello|28|Improve "
            "documentation|MERGED|0|1580065272000|NULL|docs|https://github.com/monalisa/hello/pull/28; "
            "github|monalisa/hello|29|Fixed bad "
            "bug|OPEN|0|1658343672000|NULL|bug-fix|https://github.com/monalisa/hello/pull/29; "
            "github|monalisa/hello|32|New "
            "feature|OPEN|1|1661371272000|NULL|feature|https://github.com/monalisa/hello/pull/32" }));
}

void TestImportPrs::sharedSampleGitlab()
{
    const QString samples = sharedSamplesDir();
    if (samples.isEmpty())
        QSKIP("../shared/samples is not there");
    const QString sample
        = QDir(samples).filePath(QStringLiteral("pull-requests/gitlab_merge_requests_devlake.json"));
    QCOMPARE(::prs().detect(sample), S("gitlab"));
    ScratchWorkspace s;
    const auto report = importFiles(s.workspace, ::prs(), { sample });
    QCOMPARE(report.warnings, 0);
    // 18 merge requests of project 12345678: 10 merged, 2 drafts (20, 21), one squash commit (14).
    QCOMPARE(workspaceCount(s.workspace, "pull_requests"), 18);
    QCOMPARE(workspaceCount(s.workspace, "pr_reviews"), 0);
    verifyChecks(
        s.workspace,
        L({ "SELECT DISTINCT provider, project FROM pull_requests => gitlab|12345678",
            "SELECT count(*) FROM pull_requests WHERE state = 'merged' => 10",
            "SELECT group_concat(number) FROM (SELECT number FROM pull_requests WHERE is_draft = 1 ORDER BY "
            "number) => 20,21",
            // !1: created 2019-06-28T05:21:43.743Z = 1561699303.743 s, merged 14:32:06.192Z = +33122.449 s.
            "SELECT title, author, state, created_at, merged_at, updated_at, head_ref, base_ref, head_sha, "
            "merge_commit_sha, "
            "squash_commit_sha, merged_by, url FROM pull_requests WHERE number = 1 => "
            "Resolve \"Add documentation to snowflake spend "
            "package\"|emilie|merged|1561699303743|1561732326192|"
            "1561732325270|1-add-documentation-to-snowflake-spend-package|master|"
            "ad25fcda15e310a7eb34b3e38ff9b962b54f0e03|"
            "da1d6dea48f5972ffc683da6cff30934e7d6c52c|NULL|tayloramurphy|"
            "https://gitlab.com/gitlab-data/snowflake_spend/-/merge_requests/1",
            // !14 was squashed into its own head commit.
            "SELECT head_sha, merge_commit_sha, squash_commit_sha, merged_at FROM pull_requests WHERE number "
            "= 14 => "
            "7f928f936c58b2e001f86d07b1f7b9411413e439|21840a7eadb58babe8aeae2960da851a3ed00ddc|"
            "7f928f936c58b2e001f86d07b1f7b9411413e439|1613765585969",
            "SELECT labels FROM pull_requests WHERE number = 12 => "
            "[\"Data Team\",\"Priority::3-Other\",\"Refactor\",\"To Do\",\"dbt\",\"workflow::4 - "
            "scheduled\"]",
            // !20: a closed draft; closed 2022-03-15T03:07:22.665Z.
            "SELECT state, is_draft, merged_at, closed_at, merge_commit_sha FROM pull_requests WHERE number "
            "= 20 => "
            "closed|1|NULL|1647313642665|NULL" }));
}

QTEST_GUILESS_MAIN(TestImportPrs)
#include "tst_import_prs.moc"
