#include "common/timestamp_parser.h"
#include "git/ai_rules.h"
#include "git/ai_rules_prefilter.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using faultline::importers::ValueError;
using faultline::importers::git::AiMatch;
using faultline::importers::git::AiRuleSet;
using faultline::importers::git::branchesFromSubject;
using faultline::importers::git::CommitFacts;
using faultline::importers::git::factsFromMessage;
using faultline::importers::git::parseTrailers;
namespace detail = faultline::importers::git::detail;

Q_DECLARE_METATYPE(faultline::importers::git::CommitFacts)

namespace {

// "Name <email>" → name, email.
std::pair<QString, QString> splitIdentity(const QString& identity)
{
    const qsizetype lt = identity.lastIndexOf(QLatin1Char('<'));
    if (lt < 0)
        return { identity.trimmed(), QString() };
    QString email = identity.mid(lt + 1);
    email.chop(email.endsWith(QLatin1Char('>')) ? 1 : 0);
    return { identity.left(lt).trimmed(), email };
}

const QString kHuman = QStringLiteral("Jane Doe <jane@example.com>");

// A commit as the importer will build it: identities, raw message, branches.
CommitFacts commit(const QString& author, const QString& committer, const QString& message,
                   const QStringList& branches = {})
{
    const auto [authorName, authorEmail] = splitIdentity(author);
    const auto [committerName, committerEmail] = splitIdentity(committer.isEmpty() ? author : committer);
    return factsFromMessage(authorName, authorEmail, committerName, committerEmail, message.toUtf8(),
                            branches);
}

QString describe(const std::optional<AiMatch>& m)
{
    if (!m)
        return QStringLiteral("(no match)");
    return m->tool % QLatin1Char('/') % m->ruleId % QLatin1Char('/') % m->field % QLatin1String(": ")
        % m->matchedText;
}

} // namespace

class TestAiRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsCoverEveryMarkerId();
    void markers_data();
    void markers();
    void falsePositiveControls_data();
    void falsePositiveControls();
    void precedence_data();
    void precedence();
    void userOverrides();
    void malformedUserJson_data();
    void malformedUserJson();
    void unreadableFile();
    void trailerParser_data();
    void trailerParser();
    void quotedTrailerInBodyIsNotAi();
    void branchRecovery_data();
    void branchRecovery();
    void requiredLiterals_data();
    void requiredLiterals();
    void throughput();

private:
    AiRuleSet m_rules = AiRuleSet::defaults();
};

void TestAiRules::defaultsCoverEveryMarkerId()
{
    // Every id of AI_MARKERS.md §1.2, plus BRm (the merge-subject form of BR).
    const QStringList expected {
        QStringLiteral("CC1"),  QStringLiteral("CC1m"), QStringLiteral("CC2"), QStringLiteral("CC3"),
        QStringLiteral("CC4"),  QStringLiteral("CP1"),  QStringLiteral("CP2"), QStringLiteral("CP3"),
        QStringLiteral("CP3b"), QStringLiteral("CP4"),  QStringLiteral("CP5"), QStringLiteral("CP6"),
        QStringLiteral("CU1"),  QStringLiteral("CU2"),  QStringLiteral("CU3"), QStringLiteral("CX1"),
        QStringLiteral("CX2"),  QStringLiteral("CX3"),  QStringLiteral("AD1"), QStringLiteral("AD2"),
        QStringLiteral("AD3"),  QStringLiteral("DV1"),  QStringLiteral("DV2"), QStringLiteral("DV3"),
        QStringLiteral("JU1"),  QStringLiteral("AQ1"),  QStringLiteral("AM1"), QStringLiteral("OH1"),
        QStringLiteral("SW1"),  QStringLiteral("CR1"),  QStringLiteral("OC1"), QStringLiteral("FD1"),
        QStringLiteral("RP1"),  QStringLiteral("EN1"),  QStringLiteral("GEN"), QStringLiteral("BR"),
        QStringLiteral("BRm")
    };
    const QStringList ids = m_rules.ruleIds();
    for (const QString& id : expected)
        QVERIFY2(ids.contains(id), qPrintable(id));
    QCOMPARE(m_rules.size(), expected.size());
}

void TestAiRules::markers_data()
{
    QTest::addColumn<CommitFacts>("facts");
    QTest::addColumn<QString>("ruleId");
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QString>("matchedText");
    QTest::addColumn<QString>("winner"); // the rule classify() must return

    auto row = [](const char* name, const CommitFacts& facts, const char* ruleId, const char* tool,
                  const QString& matched, const char* winner = nullptr) {
        QTest::addRow("%s", name) << facts << QString::fromLatin1(ruleId) << QString::fromLatin1(tool)
                                  << matched << QString::fromLatin1(winner ? winner : ruleId);
    };

    // ---- Claude
    row("CC1 model-name trailer",
        commit(kHuman, {},
               QStringLiteral(
                   "Fix parser\n\nCo-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>\n")),
        "CC1", "claude-code",
        QStringLiteral("Co-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>"));
    row("CC1 bare Claude trailer (before v2.0.60)",
        commit(kHuman, {}, QStringLiteral("Fix parser\n\nCo-authored-by: Claude <noreply@anthropic.com>\n")),
        "CC1", "claude-code", QStringLiteral("Co-authored-by: Claude <noreply@anthropic.com>"));
    row("CC1m model and context",
        commit(kHuman, {},
               QStringLiteral(
                   "Fix parser\n\nCo-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>\n")),
        "CC1m", "claude-code",
        QStringLiteral("Co-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>"), "CC1");
    row("CC2 footer claude.com",
        commit(kHuman, {},
               QStringLiteral(
                   "Add cache\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n")),
        "CC2", "claude-code",
        QStringLiteral("🤖 Generated with [Claude Code](https://claude.com/claude-code)"));
    row("CC2 footer claude.ai, no emoji",
        commit(kHuman, {},
               QStringLiteral(
                   "Add cache\n\nGenerated with [Claude Code](https://claude.ai/code)\n\nSome later text\n")),
        "CC2", "claude-code", QStringLiteral("Generated with [Claude Code](https://claude.ai/code)"));
    row("CC3 bare session URL",
        commit(kHuman, {},
               QStringLiteral("Track agent version\n\nhttps://claude.ai/code/session_01AbCdEf23\n")),
        "CC3", "claude-code", QStringLiteral("https://claude.ai/code/session_01AbCdEf23"));
    row("CC3 Claude-Session trailer",
        commit(kHuman, {},
               QStringLiteral(
                   "Track agent version\n\nClaude-Session: https://claude.ai/code/session_01AbCdEf23\n")),
        "CC3", "claude-code", QStringLiteral("Claude-Session: https://claude.ai/code/session_01AbCdEf23"));
    row("CC4 claude[bot] app identity",
        commit(QStringLiteral("claude[bot] <209825114+claude[bot]@users.noreply.github.com>"), {},
               QStringLiteral("Apply review feedback\n")),
        "CC4", "claude-code", QStringLiteral("<209825114+claude[bot]@users.noreply.github.com>"));
    row("CC4 action default bot_id with claude[bot] name",
        commit(QStringLiteral("claude[bot] <41898282+claude[bot]@users.noreply.github.com>"), {},
               QStringLiteral("Apply review feedback\n")),
        "CC4", "claude-code", QStringLiteral("<41898282+claude[bot]@users.noreply.github.com>"));
    row("CC4 Claude noreply author",
        commit(QStringLiteral("Claude <noreply@anthropic.com>"),
               QStringLiteral("GitHub <noreply@github.com>"), QStringLiteral("Update action\n")),
        "CC4", "claude-code", QStringLiteral("Claude <noreply@anthropic.com>"));

    // ---- Copilot
    row("CP1 coding agent author, GitHub committer",
        commit(QStringLiteral("Copilot <198982749+Copilot@users.noreply.github.com>"),
               QStringLiteral("GitHub <noreply@github.com>"), QStringLiteral("Add Parikh filter (#7712)\n")),
        "CP1", "copilot-agent", QStringLiteral("<198982749+Copilot@users.noreply.github.com>"));
    row("CP2 squash co-author",
        commit(kHuman, {},
               QStringLiteral(
                   "Add Parikh filter (#7712)\n\n* Initial plan\n\n---------\n\nCo-authored-by: "
                   "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>\nCo-authored-by: "
                   "NikolajBjorner <3085284+NikolajBjorner@users.noreply.github.com>\n")),
        "CP2", "copilot-agent",
        QStringLiteral(
            "Co-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>"));
    row("CP3 Initial plan with CP1 identity",
        commit(QStringLiteral("copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>"), {},
               QStringLiteral("Initial plan\n")),
        "CP3", "copilot-agent", QStringLiteral("Initial plan"), "CP1");
    row("CP3b agent PR-body marker",
        commit(kHuman, {},
               QStringLiteral("Fix timeout (#88)\n\nFixes #80.\n\n<!-- START COPILOT CODING AGENT SUFFIX "
                              "-->\n\nOriginal prompt ...\n")),
        "CP3b", "copilot-agent", QStringLiteral("<!-- START COPILOT CODING AGENT SUFFIX -->"));
    row("CP4 Copilot CLI trailer",
        commit(kHuman, {},
               QStringLiteral("Refactor config loader\n\nCo-authored-by: Copilot "
                              "<223556219+Copilot@users.noreply.github.com>\n")),
        "CP4", "copilot-cli",
        QStringLiteral("Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>"));
    row("CP5 Copilot Autofix",
        commit(kHuman, {},
               QStringLiteral("Potential fix for pull request finding\n\nCo-authored-by: Copilot Autofix "
                              "powered by AI <175728472+Copilot@users.noreply.github.com>\n")),
        "CP5", "copilot-review",
        QStringLiteral(
            "Co-authored-by: Copilot Autofix powered by AI <175728472+Copilot@users.noreply.github.com>"));
    row("CP6 copilot[bot] chat identity",
        commit(QStringLiteral("Copilot <167198135+copilot[bot]@users.noreply.github.com>"), {},
               QStringLiteral("Update docs\n")),
        "CP6", "copilot-chat", QStringLiteral("<167198135+copilot[bot]@users.noreply.github.com>"));

    // ---- Cursor
    row("CU1 Cursor co-author trailer",
        commit(kHuman, {},
               QStringLiteral("Fix list view\n\nCo-authored-by: Cursor <cursoragent@cursor.com>\n")),
        "CU1", "cursor", QStringLiteral("cursoragent@cursor.com"));
    row("CU1 Cursor Agent author",
        commit(QStringLiteral("Cursor Agent <cursoragent@cursor.com>"), {}, QStringLiteral("Expand view\n")),
        "CU1", "cursor", QStringLiteral("cursoragent@cursor.com"));
    row("CU1 upper-case e-mail",
        commit(QStringLiteral("CURSOR AGENT <CursorAgent@Cursor.COM>"), {}, QStringLiteral("Expand view\n")),
        "CU1", "cursor", QStringLiteral("CursorAgent@Cursor.COM"));
    row("CU2 Made-with trailer", commit(kHuman, {}, QStringLiteral("Fix list view\n\nMade-with: Cursor\n")),
        "CU2", "cursor", QStringLiteral("Made-with: Cursor"));
    row("CU3 background agent link",
        commit(kHuman, {},
               QStringLiteral(
                   "Expanded view (#12)\n\n<a "
                   "href=\"https://cursor.com/"
                   "background-agent?bcId=bc-0f4c2a9e-1b2c-4d5e-8f90-123456789abc\">Open in Cursor</a>\n")),
        "CU3", "cursor",
        QStringLiteral("cursor.com/background-agent?bcId=bc-0f4c2a9e-1b2c-4d5e-8f90-123456789abc"));

    // ---- Codex
    row("CX1 Codex trailer",
        commit(kHuman, {}, QStringLiteral("Add retries\n\nCo-authored-by: Codex <noreply@openai.com>\n")),
        "CX1", "codex", QStringLiteral("Co-authored-by: Codex <noreply@openai.com>"));
    row("CX2 sandbox identity",
        commit(QStringLiteral("Codex <codex@openai.com>"), {}, QStringLiteral("Add retries\n")), "CX2",
        "codex", QStringLiteral("<codex@openai.com>"));
    row("CX2 drifting display name",
        commit(QStringLiteral("GPT 5.5 <codex@openai.com>"), {}, QStringLiteral("Add retries\n")), "CX2",
        "codex", QStringLiteral("<codex@openai.com>"));
    row("CX3 Codex task link",
        commit(kHuman, {},
               QStringLiteral("Add retries (#31)\n\nSummary\n\n------\n[Codex "
                              "Task](https://chatgpt.com/codex/tasks/task_e_68a1b2c3d4e5f6a7)\n")),
        "CX3", "codex", QStringLiteral("chatgpt.com/codex/tasks/task_e_68a1b2c3d4e5f6a7"));

    // ---- Aider
    row("AD1 (aider) on the author name",
        commit(QStringLiteral("Paul Gauthier (aider) <paul@example.com>"), {},
               QStringLiteral("feat: Add --weak-model\n")),
        "AD1", "aider", QStringLiteral(" (aider)"));
    row("AD2 era-1 subject prefix",
        commit(kHuman, {}, QStringLiteral("aider: Added a test for the diff parser\n")), "AD2", "aider",
        QStringLiteral("aider: "));
    row("AD3 era-3 trailer",
        commit(kHuman, {},
               QStringLiteral("feat: Add retries\n\nCo-authored-by: aider "
                              "(anthropic/claude-sonnet-4-20250514) <aider@aider.chat>\n")),
        "AD3", "aider",
        QStringLiteral("Co-authored-by: aider (anthropic/claude-sonnet-4-20250514) <aider@aider.chat>"));
    row("AD3 early noreply@aider.dev",
        commit(kHuman, {},
               QStringLiteral("feat: Add retries\n\nCo-authored-by: aider (gpt-4o) <noreply@aider.dev>\n")),
        "AD3", "aider", QStringLiteral("Co-authored-by: aider (gpt-4o) <noreply@aider.dev>"));
    row("control: aider (gemini/...) trailer is aider, not gemini",
        commit(kHuman, {},
               QStringLiteral(
                   "fix: typo\n\nCo-authored-by: aider (gemini/gemini-2.5-pro) <aider@aider.chat>\n")),
        "AD3", "aider", QStringLiteral("Co-authored-by: aider (gemini/gemini-2.5-pro) <aider@aider.chat>"));
    row("control: aider (gemini/...) in a GEN trailer is aider",
        commit(kHuman, {}, QStringLiteral("fix: typo\n\nCo-authored-by-AI: aider (gemini/gemini-2.5-pro)\n")),
        "GEN", "aider", QStringLiteral("Co-authored-by-AI: aider (gemini/gemini-2.5-pro)"));

    // ---- Devin
    row("DV1 Devin AI author",
        commit(QStringLiteral("Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>"), {},
               QStringLiteral("Rebase hooks\n")),
        "DV1", "devin", QStringLiteral("<158243242+devin-ai-integration[bot]@users.noreply.github.com>"));
    row("DV2 squash co-author",
        commit(kHuman, {},
               QStringLiteral("Rebase hooks (#5)\n\nCo-authored-by: devin-ai-integration[bot] "
                              "<158243242+devin-ai-integration[bot]@users.noreply.github.com>\n")),
        "DV2", "devin",
        QStringLiteral("Co-authored-by: devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@"));
    row("DV2 Devin CLI footer",
        commit(kHuman, {}, QStringLiteral("Rebase hooks\n\nGenerated with [Devin](https://devin.ai)\n")),
        "DV2", "devin", QStringLiteral("Generated with [Devin]"));
    row("DV3 Devin run link",
        commit(kHuman, {},
               QStringLiteral(
                   "Rebase hooks (#5)\n\nLink to Devin run: "
                   "https://app.devin.ai/sessions/0123456789abcdef0123456789abcdef\nRequested by: Jane\n")),
        "DV3", "devin", QStringLiteral("app.devin.ai/sessions/0123456789abcdef0123456789abcdef"));

    // ---- Others
    row("JU1 Jules author",
        commit(QStringLiteral(
                   "google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>"),
               {}, QStringLiteral("Fix flaky test\n")),
        "JU1", "jules", QStringLiteral("161369871+google-labs-jules[bot]@users.noreply.github.com"));
    row("AQ1 Amazon Q bot",
        commit(QStringLiteral(
                   "amazon-q-developer[bot] <208079219+amazon-q-developer[bot]@users.noreply.github.com>"),
               {}, QStringLiteral("Transform to Java 17\n")),
        "AQ1", "amazon-q", QStringLiteral("208079219+amazon-q-developer[bot]@users.noreply.github.com"));
    row("AM1 Amp thread and co-author",
        commit(kHuman, {},
               QStringLiteral(
                   "Fix leak\n\nAmp-Thread-ID: "
                   "https://ampcode.com/threads/T-5b0c1e2f-3a4b-4c5d-8e9f-0a1b2c3d4e5f\nCo-authored-by: Amp "
                   "<amp@ampcode.com>\n")),
        "AM1", "amp",
        QStringLiteral("Amp-Thread-ID: https://ampcode.com/threads/T-5b0c1e2f-3a4b-4c5d-8e9f-0a1b2c3d4e5f"));
    row("OH1 OpenHands co-author",
        commit(kHuman, {},
               QStringLiteral("Fix resolver\n\nCo-authored-by: openhands <openhands@all-hands.dev>\n")),
        "OH1", "openhands", QStringLiteral("openhands@all-hands.dev"));
    row("SW1 Sweep bot",
        commit(QStringLiteral("sweep-ai[bot] <128439645+sweep-ai[bot]@users.noreply.github.com>"), {},
               QStringLiteral("Add sweep config\n")),
        "SW1", "sweep", QStringLiteral("sweep-ai[bot]"));
    row("CR1 Crush footer",
        commit(kHuman, {},
               QStringLiteral("Fix TUI\n\n💘 Generated with Crush\n\nAssisted-by: Crush:claude-sonnet-4\n")),
        "CR1", "crush", QStringLiteral("💘 Generated with Crush"));
    row("CR1 Assisted-by Crush", commit(kHuman, {}, QStringLiteral("Fix TUI\n\nAssisted-by: Crush:gpt-5\n")),
        "CR1", "crush", QStringLiteral("Assisted-by: Crush:"));
    row("OC1 opencode",
        commit(kHuman, {},
               QStringLiteral(
                   "Fix TUI\n\n🤖 Generated with [opencode](https://opencode.ai)\n\nCo-Authored-By: "
                   "opencode <noreply@opencode.ai>\n")),
        "OC1", "opencode", QStringLiteral("Generated with [opencode]"));
    row("FD1 Factory Droid co-author",
        commit(kHuman, {},
               QStringLiteral("Fix sync\n\nCo-authored-by: factory-droid[bot] "
                              "<138933559+factory-droid[bot]@users.noreply.github.com>\n")),
        "FD1", "factory-droid", QStringLiteral("138933559+factory-droid[bot]@users.noreply.github.com"));
    row("RP1 Replit Agent",
        commit(kHuman, {},
               QStringLiteral("Add login page\n\nReplit-Commit-Author: Agent\nReplit-Commit-Session-Id: "
                              "7f3e2a10-1b2c-4d5e-8f90-123456789abc\n")),
        "RP1", "replit-agent", QStringLiteral("Replit-Commit-Author: Agent"));
    row("EN1 Entire checkpoint",
        commit(kHuman, {},
               QStringLiteral("Onboarding offer\n\nEntire-Checkpoint: "
                              "01KXEWS08ZG9WXQPFE4QDA4GA3\nEntire-Strategy: manual-commit\n")),
        "EN1", "entire", QStringLiteral("Entire-Checkpoint:"));
    row("GEN kernel Assisted-by",
        commit(kHuman, {},
               QStringLiteral("mm: fix leak\n\nAssisted-by: Claude:claude-3-opus coccinelle "
                              "sparse\nSigned-off-by: Jane Doe <jane@example.com>\n")),
        "GEN", "claude", QStringLiteral("Assisted-by: Claude:claude-3-opus coccinelle sparse"));
    row("GEN Assisted-by GPT",
        commit(kHuman, {}, QStringLiteral("Fix renderer\n\nAssisted-by: OpenAI GPT-5.4\n")), "GEN", "openai",
        QStringLiteral("Assisted-by: OpenAI GPT-5.4"));
    row("GEN kernel RFC Co-developed-by",
        commit(kHuman, {},
               QStringLiteral("sched: tidy\n\nCo-developed-by: Claude claude-opus-4-20250514\nSigned-off-by: "
                              "Jane Doe <jane@example.com>\n")),
        "GEN", "claude", QStringLiteral("Co-developed-by: Claude claude-opus-4-20250514"));
    row("GEN Fedora free text",
        commit(kHuman, {}, QStringLiteral("Update spec\n\nAssisted-by: generic LLM chatbot\n")), "GEN",
        "generic", QStringLiteral("Assisted-by: generic LLM chatbot"));

    // ---- Branches
    row("BR copilot ref",
        commit(kHuman, {}, QStringLiteral("Add filter\n"),
               { QStringLiteral("refs/heads/copilot/add-parikh-filter-implementation") }),
        "BR", "copilot-agent", QStringLiteral("copilot/add-parikh-filter-implementation"));
    row("BR claude web branch",
        commit(kHuman, {}, QStringLiteral("Track version\n"),
               { QStringLiteral("claude/track-agent-version-WEWmR") }),
        "BR", "claude-code", QStringLiteral("claude/track-agent-version-WEWmR"));
    row("BR openhands resolver",
        commit(kHuman, {}, QStringLiteral("Fix issue\n"), { QStringLiteral("openhands-fix-issue-42") }), "BR",
        "openhands", QStringLiteral("openhands-fix-issue-42"));
    row("BR recovered from a merge subject",
        commit(kHuman, {},
               QStringLiteral(
                   "Merge pull request #68 from octo/devin/1771599590-hooks-rebase-perf\n\nRebase perf\n")),
        "BR", "devin", QStringLiteral("devin/1771599590-hooks-rebase-perf"));
    row("BRm merge subject",
        commit(kHuman, {}, QStringLiteral("Merge pull request #108 from Z3Prover/copilot/fix-parikh\n")),
        "BRm", "copilot-agent", QStringLiteral("Merge pull request #108 from Z3Prover/copilot/"), "BR");
}

void TestAiRules::markers()
{
    QFETCH(CommitFacts, facts);
    QFETCH(QString, ruleId);
    QFETCH(QString, tool);
    QFETCH(QString, matchedText);
    QFETCH(QString, winner);

    const std::vector<AiMatch> all = m_rules.explain(facts);
    const auto it
        = std::find_if(all.begin(), all.end(), [&](const AiMatch& m) { return m.ruleId == ruleId; });
    QVERIFY2(it != all.end(),
             qPrintable(QLatin1String("no ") % ruleId % QLatin1String(" match; classify: ")
                        % describe(m_rules.classify(facts))));
    QCOMPARE(it->tool, tool);
    QCOMPARE(it->matchedText, matchedText);

    const std::optional<AiMatch> best = m_rules.classify(facts);
    QVERIFY(best);
    QCOMPARE(best->ruleId, winner);
    // classify() is explain()'s first entry, computed without evaluating the rest.
    QCOMPARE(*best, all.front());
}

void TestAiRules::falsePositiveControls_data()
{
    QTest::addColumn<CommitFacts>("facts");

    auto row = [](const char* name, const CommitFacts& facts) { QTest::addRow("%s", name) << facts; };
    row("Claude Monet <claude@example.com>",
        commit(QStringLiteral("Claude Monet <claude@example.com>"), {},
               QStringLiteral("Paint water lilies\n")));
    row("bare word cursor in subject", commit(kHuman, {}, QStringLiteral("fix cursor pagination\n")));
    row("bare words Claude, Devin, codex, Jules, amp in a message",
        commit(
            kHuman, {},
            QStringLiteral(
                "Thank Claude and Devin\n\nMove codex.json; Jules asked to amp up the continue button.\n")));
    row("Devin Smith author",
        commit(QStringLiteral("Devin Smith <devin@example.com>"), {}, QStringLiteral("Update README\n")));
    row("Co-authored-by Claude without anthropic e-mail",
        commit(kHuman, {}, QStringLiteral("Pair session\n\nCo-authored-by: Claude <claude@example.com>\n")));
    row("(aider) on the committer only",
        commit(QStringLiteral("Paul Gauthier <paul@example.com>"),
               QStringLiteral("Paul Gauthier (aider) <paul@example.com>"), QStringLiteral("Bump version\n")));
    row("Jane (aider) Doe",
        commit(QStringLiteral("Jane (aider) Doe <jane@example.com>"), {}, QStringLiteral("Update docs\n")));
    row("quoted > Co-authored-by Cursor",
        commit(kHuman, {},
               QStringLiteral("Revert hook\n\nThe hook stripped this line:\n> Co-authored-by: Cursor "
                              "<cursoragent@cursor.com>\n\nKeep it.\n")));
    row("quoted - Co-authored-by openhands",
        commit(kHuman, {},
               QStringLiteral("Docs: trailers we accept\n\n- Co-authored-by: openhands "
                              "<openhands@all-hands.dev>\n- Made-with: Cursor\n")));
    row("quoted * trailer with a Jules e-mail",
        commit(kHuman, {},
               QStringLiteral("Docs\n\n* Co-authored-by: google-labs-jules[bot] "
                              "<161369871+google-labs-jules[bot]@users.noreply.github.com>\n")));
    row("numbered 1. Co-authored-by Claude",
        commit(kHuman, {}, QStringLiteral("Docs\n\n1. Co-authored-by: Claude <noreply@anthropic.com>\n")));
    row("numbered 2) Co-Authored-By Codex",
        commit(kHuman, {}, QStringLiteral("Docs\n\n2) Co-Authored-By: Codex <noreply@openai.com>\n")));
    row("Bob <bob@openai.com> is not Codex",
        commit(QStringLiteral("Bob <bob@openai.com>"), {}, QStringLiteral("Fix eval\n")));
    row("github-actions[bot] 41898282 alone",
        commit(QStringLiteral("github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>"),
               {}, QStringLiteral("Update changelog\n")));
    row("41898282 claude[bot] e-mail without the claude[bot] name",
        commit(QStringLiteral("github-actions[bot] <41898282+claude[bot]@users.noreply.github.com>"), {},
               QStringLiteral("Update changelog\n")));
    row("users.noreply.github.com alone",
        commit(QStringLiteral("Jane <12345+jane@users.noreply.github.com>"),
               QStringLiteral("GitHub <noreply@github.com>"),
               QStringLiteral("Fix typo (#3)\n\nCo-authored-by: Bob <777+bob@users.noreply.github.com>\n")));
    row("Initial plan without the Copilot identity", commit(kHuman, {}, QStringLiteral("Initial plan\n")));
    row("human Co-developed-by with an e-mail",
        commit(kHuman, {},
               QStringLiteral("mm: fix\n\nCo-developed-by: John Roe <john@example.com>\nSigned-off-by: John "
                              "Roe <john@example.com>\nSigned-off-by: Jane Doe <jane@example.com>\n")));
    row("Ai-assisted: false", commit(kHuman, {}, QStringLiteral("Fix\n\nAi-assisted: false\n")));
    row("trailer-looking line in the body is not a trailer",
        commit(kHuman, {},
               QStringLiteral("Docs\n\nMade-with: Cursor\nis what the old trailer looked "
                              "like.\n\nSigned-off-by: Jane Doe <jane@example.com>\nSee above.\n")));
    row("branch merely containing an agent word",
        commit(kHuman, {}, QStringLiteral("Merge branch 'feature/cursor-fix'\n"),
               { QStringLiteral("claudette/x"), QStringLiteral("fix-copilot/x") }));
    row("merge pull request from a human branch",
        commit(kHuman, {}, QStringLiteral("Merge pull request #9 from jane/fix-cursor-pagination\n")));
}

void TestAiRules::falsePositiveControls()
{
    QFETCH(CommitFacts, facts);
    QCOMPARE(describe(m_rules.classify(facts)), QStringLiteral("(no match)"));
    QVERIFY(m_rules.explain(facts).empty());
}

void TestAiRules::precedence_data()
{
    QTest::addColumn<CommitFacts>("facts");
    QTest::addColumn<QStringList>("order");

    // E-mail identity beats trailers, which beat names, which beat branches.
    QTest::addRow("identity before trailer")
        << commit(QStringLiteral("Copilot <198982749+Copilot@users.noreply.github.com>"), {},
                  QStringLiteral("Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"))
        << QStringList { QStringLiteral("CP1"), QStringLiteral("CC1"), QStringLiteral("CC1m") };
    QTest::addRow("trailer before (aider) name")
        << commit(QStringLiteral("Paul Gauthier (aider) <paul@example.com>"), {},
                  QStringLiteral("Fix\n\nMade-with: Cursor\n"))
        << QStringList { QStringLiteral("CU2"), QStringLiteral("AD1") };
    QTest::addRow("name before branch")
        << commit(QStringLiteral("Paul Gauthier (aider) <paul@example.com>"), {}, QStringLiteral("Fix\n"),
                  { QStringLiteral("cursor/p1-06-expanded-view-9f65") })
        << QStringList { QStringLiteral("AD1"), QStringLiteral("BR") };
    QTest::addRow("committer identity is an identity too")
        << commit(kHuman,
                  QStringLiteral("copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>"),
                  QStringLiteral("Fix\n\nCo-authored-by: Codex <noreply@openai.com>\n"))
        << QStringList { QStringLiteral("CP1"), QStringLiteral("CX1") };
}

void TestAiRules::precedence()
{
    QFETCH(CommitFacts, facts);
    QFETCH(QStringList, order);
    QStringList got;
    for (const AiMatch& m : m_rules.explain(facts))
        got.append(m.ruleId);
    QCOMPARE(got, order);
    QCOMPARE(m_rules.classify(facts)->ruleId, order.first());
}

void TestAiRules::userOverrides()
{
    const CommitFacts madeWith = commit(kHuman, {}, QStringLiteral("Fix\n\nMade-with: Cursor\n"));
    const CommitFacts codexIdentity
        = commit(QStringLiteral("Codex <codex@openai.com>"), {}, QStringLiteral("Fix\n"));
    const CommitFacts corpIdentity
        = commit(QStringLiteral("Codex <codex-bot@corp.example>"), {}, QStringLiteral("Fix\n"));
    const CommitFacts acme = commit(kHuman, {}, QStringLiteral("Fix\n\nAcme-Agent-Run: 1234\n"));

    AiRuleSet rules = AiRuleSet::defaults();
    const int before = rules.size();
    const qsizetype cx2Position = rules.ruleIds().indexOf(QStringLiteral("CX2"));
    rules.overrideWith(AiRuleSet::fromJson(R"({"rules": [
        {"id": "CU2", "enabled": false},
        {"id": "CX2", "tool": "codex", "target": "identity", "pattern": "<codex-bot@corp\\.example>"},
        {"id": "ACME1", "tool": "acme-agent", "target": "trailers", "pattern": "(?im)^acme-agent-run:"}
    ]})",
                                           QStringLiteral("user-rules.json")));

    QCOMPARE(rules.size(), before); // one off, one added
    QVERIFY(!rules.ruleIds().contains(QStringLiteral("CU2")));
    QCOMPARE(rules.ruleIds().indexOf(QStringLiteral("CX2")),
             cx2Position - 1); // replaced in place (CU2 gone before it)
    QCOMPARE(describe(rules.classify(madeWith)), QStringLiteral("(no match)"));
    QCOMPARE(describe(rules.classify(codexIdentity)), QStringLiteral("(no match)"));
    QCOMPARE(describe(rules.classify(corpIdentity)),
             QStringLiteral("codex/CX2/author: <codex-bot@corp.example>"));
    QCOMPARE(describe(rules.classify(acme)), QStringLiteral("acme-agent/ACME1/trailers: Acme-Agent-Run:"));
    // The defaults are untouched.
    QCOMPARE(m_rules.classify(madeWith)->ruleId, QStringLiteral("CU2"));

    // The prefilter is an optimisation only: a rule it cannot model still matches.
    AiRuleSet unmodelled;
    unmodelled.overrideWith(AiRuleSet::fromJson(
        R"({"rules": [{"id": "HEX", "tool": "acme", "target": "identity", "pattern": "(?i)\\x{61}cme-bot@"}]})",
        QStringLiteral("u.json")));
    QVERIFY(!detail::requiredLiterals(QStringLiteral("(?i)\\x{61}cme-bot@")));
    QCOMPARE(describe(unmodelled.classify(
                 commit(QStringLiteral("Acme <ACME-bot@example.com>"), {}, QStringLiteral("x\n")))),
             QStringLiteral("acme/HEX/author: ACME-bot@"));

    // Disabling CP1 leaves CP3 without its required identity: it can no longer match.
    AiRuleSet noCp1 = AiRuleSet::defaults();
    noCp1.overrideWith(
        AiRuleSet::fromJson(R"({"rules": [{"id": "CP1", "enabled": false}]})", QStringLiteral("u.json")));
    QVERIFY(!noCp1.classify(commit(QStringLiteral("Copilot <198982749+Copilot@users.noreply.github.com>"), {},
                                   QStringLiteral("Initial plan\n"))));

    // A user rule requiring a rule that does not exist is reported once merged.
    AiRuleSet bad = AiRuleSet::defaults();
    try {
        bad.overrideWith(AiRuleSet::fromJson(
            R"({"rules": [{"id": "X1", "tool": "x", "target": "subject", "pattern": "^x\\b", "requires": "NOPE"}]})",
            QStringLiteral("user-rules.json")));
        QFAIL("expected ValueError");
    } catch (const ValueError& e) {
        QCOMPARE(QString::fromUtf8(e.what()),
                 QStringLiteral("user-rules.json: rules[0].requires: unknown rule \"NOPE\""));
    }
}

void TestAiRules::malformedUserJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected"); // what follows "<file>: "

    QTest::addRow("not JSON") << QByteArray("{\"rules\": [\n  {\"id\": \"X\",,}\n]}")
                              << QStringLiteral("line 2, column ");
    QTest::addRow("top level is an array")
        << QByteArray("[]") << QStringLiteral("(top level): expected an object with a \"rules\" array");
    QTest::addRow("misspelt top-level key")
        << QByteArray("{\"rule\": []}") << QStringLiteral("rule: unknown key");
    QTest::addRow("rules missing") << QByteArray("{}")
                                   << QStringLiteral("rules: missing (expected an array of rules)");
    QTest::addRow("rules not an array") << QByteArray(R"({"rules": {"id": "X"}})")
                                        << QStringLiteral("rules: expected an array, found an object");
    QTest::addRow("rule not an object") << QByteArray(R"({"rules": ["CC1"]})")
                                        << QStringLiteral("rules[0]: expected an object, found a string");
    QTest::addRow("missing pattern") << QByteArray(
        R"({"rules": [{"id": "X", "tool": "t", "target": "message"}]})")
                                     << QStringLiteral("rules[0].pattern: missing");
    QTest::addRow("missing id") << QByteArray(
        R"({"rules": [{"tool": "t", "target": "message", "pattern": "x"}]})")
                                << QStringLiteral("rules[0].id: missing");
    QTest::addRow("invalid regex")
        << QByteArray(R"({"rules": [{"id": "A", "tool": "t", "target": "message", "pattern": "ok"},
                                   {"id": "B", "tool": "t", "target": "message", "pattern": "(unclosed"}]})")
        << QStringLiteral(
               "rules[1].pattern: invalid regular expression at offset 9: missing closing parenthesis");
    QTest::addRow("pattern matching everything")
        << QByteArray(R"({"rules": [{"id": "A", "tool": "t", "target": "message", "pattern": "x*"}]})")
        << QStringLiteral("rules[0].pattern: the pattern matches an empty string");
    QTest::addRow("unknown target") << QByteArray(
        R"({"rules": [{"id": "A", "tool": "t", "target": "authr", "pattern": "x"}]})")
                                    << QStringLiteral("rules[0].target: unknown target \"authr\"");
    QTest::addRow("unknown target in a list")
        << QByteArray(
               R"({"rules": [{"id": "A", "tool": "t", "target": ["author", "mesage"], "pattern": "x"}]})")
        << QStringLiteral("rules[0].target[1]: unknown target \"mesage\"");
    QTest::addRow("target of the wrong type")
        << QByteArray(R"({"rules": [{"id": "A", "tool": "t", "target": 3, "pattern": "x"}]})")
        << QStringLiteral("rules[0].target: expected a string or an array of strings, found a number");
    QTest::addRow("invalid exclude regex") << QByteArray(
        R"({"rules": [{"id": "A", "tool": "t", "target": "message", "pattern": "x", "exclude": ["ok", "[z"]}]})")
                                           << QStringLiteral(
                                                  "rules[0].exclude[1]: invalid regular expression");
    QTest::addRow("tool_map entry without tool") << QByteArray(
        R"({"rules": [{"id": "A", "tool": "t", "target": "message", "pattern": "x", "tool_map": [{"pattern": "y"}]}]})")
                                                 << QStringLiteral("rules[0].tool_map[0].tool: missing");
    QTest::addRow("misspelt key") << QByteArray(
        R"({"rules": [{"id": "A", "tool": "t", "target": "message", "paterns": "x"}]})")
                                  << QStringLiteral("rules[0].paterns: unknown key");
    QTest::addRow("enabled not a boolean")
        << QByteArray(R"({"rules": [{"id": "CU2", "enabled": "no"}]})")
        << QStringLiteral("rules[0].enabled: expected true or false, found a string");
    QTest::addRow("duplicate id")
        << QByteArray(R"({"rules": [{"id": "CU2", "enabled": false}, {"id": "CU2", "enabled": false}]})")
        << QStringLiteral("rules[1].id: duplicate id \"CU2\" (first defined at rules[0])");
    QTest::addRow("unknown precedence") << QByteArray(
        R"({"rules": [{"id": "A", "tool": "t", "target": "message", "pattern": "x", "precedence": "first"}]})")
                                        << QStringLiteral(
                                               "rules[0].precedence: unknown precedence \"first\"");
}

void TestAiRules::malformedUserJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("ai_rules.user.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(json);
    file.close();

    try {
        AiRuleSet::fromFile(path);
        QFAIL("expected ValueError");
    } catch (const ValueError& e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.startsWith(path % QLatin1String(": ") % expected), qPrintable(message));
    }
}

void TestAiRules::unreadableFile()
{
    const QString path = QStringLiteral("/nonexistent/faultline/ai_rules.json");
    try {
        AiRuleSet::fromFile(path);
        QFAIL("expected ValueError");
    } catch (const ValueError& e) {
        QVERIFY(QString::fromUtf8(e.what()).startsWith(path % QLatin1String(": cannot read")));
    }
}

void TestAiRules::trailerParser_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QStringList>("trailers");

    QTest::addRow("real trailer block")
        << QByteArray("Fix parser\n\nBody text.\n\nCo-authored-by: A <a@example.com>\nMade-with: Cursor\n")
        << QStringList { QStringLiteral("Co-authored-by=A <a@example.com>"),
                         QStringLiteral("Made-with=Cursor") };
    QTest::addRow("no final newline")
        << QByteArray("Fix parser\n\nCo-Authored-By: Claude <noreply@anthropic.com>")
        << QStringList { QStringLiteral("Co-Authored-By=Claude <noreply@anthropic.com>") };
    QTest::addRow("quoted trailer in the body")
        << QByteArray("Fix parser\n\n> Co-authored-by: Cursor <cursoragent@cursor.com>\n\nThe end.\n")
        << QStringList {};
    QTest::addRow("trailer-like line inside the body")
        << QByteArray("Fix parser\n\nCo-authored-by: A <a@example.com>\n\nMore text follows.\n")
        << QStringList {};
    QTest::addRow("subject only") << QByteArray("Made-with: Cursor\n") << QStringList {};
    QTest::addRow("kernel block with Signed-off-by")
        << QByteArray("mm: fix\n\nAssisted-by: Claude:claude-3-opus coccinelle sparse\nSigned-off-by: Jane "
                      "<jane@example.com>\n")
        << QStringList { QStringLiteral("Assisted-by=Claude:claude-3-opus coccinelle sparse"),
                         QStringLiteral("Signed-off-by=Jane <jane@example.com>") };
    QTest::addRow("GitHub squash separator")
        << QByteArray("Add filter (#1)\n\n* a\n\n* b\n\n---------\n\nCo-authored-by: A <a@example.com>\n")
        << QStringList { QStringLiteral("Co-authored-by=A <a@example.com>") };
    QTest::addRow("continuation line unfolded")
        << QByteArray("Fix\n\nAssisted-by: Claude:claude-3-opus\n  coccinelle sparse\nMade-with: Cursor\n")
        << QStringList { QStringLiteral("Assisted-by=Claude:claude-3-opus coccinelle sparse"),
                         QStringLiteral("Made-with=Cursor") };
    QTest::addRow("CRLF") << QByteArray("Fix\r\n\r\nMade-with: Cursor\r\n")
                          << QStringList { QStringLiteral("Made-with=Cursor") };
    QTest::addRow("empty") << QByteArray() << QStringList {};
    // Found by fuzz/fuzz_trailers: libgit2 returned the keyless line as a trailer with an empty key;
    // `git interpret-trailers --parse` lists only the Signed-off-by.
    QTest::addRow("line without a key")
        << QByteArray("Fix\n\nBody.\n\n: not a trailer\nSigned-off-by: Jane <jane@example.com>\n")
        << QStringList { QStringLiteral("Signed-off-by=Jane <jane@example.com>") };
}

void TestAiRules::trailerParser()
{
    QFETCH(QByteArray, message);
    QFETCH(QStringList, trailers);
    QStringList got;
    for (const auto& t : parseTrailers(message))
        got.append(t.key % QLatin1Char('=') % t.value);
    QCOMPARE(got, trailers);
}

void TestAiRules::quotedTrailerInBodyIsNotAi()
{
    const CommitFacts quoted = commit(
        kHuman, {},
        QStringLiteral("Strip attribution\n\n> Co-authored-by: Claude <noreply@anthropic.com>\n\nDone.\n"));
    QVERIFY(quoted.trailers.empty());
    QVERIFY(!m_rules.classify(quoted));
    const CommitFacts real = commit(
        kHuman, {},
        QStringLiteral("Strip attribution\n\nDone.\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"));
    QCOMPARE(real.trailers.size(), size_t(1));
    QCOMPARE(m_rules.classify(real)->ruleId, QStringLiteral("CC1"));
}

void TestAiRules::branchRecovery_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QStringList>("branches");

    QTest::addRow("GitHub merge pull request")
        << QStringLiteral("Merge pull request #108 from Z3Prover/copilot/fix-parikh")
        << QStringList { QStringLiteral("copilot/fix-parikh") };
    QTest::addRow("merge branch") << QStringLiteral("Merge branch 'claude/track-agent-version-WEWmR'")
                                  << QStringList { QStringLiteral("claude/track-agent-version-WEWmR") };
    QTest::addRow("merge branch into") << QStringLiteral("Merge branch 'devin/1771599590-hooks' into main")
                                       << QStringList { QStringLiteral("devin/1771599590-hooks") };
    QTest::addRow("GitLab merge branch into quoted target")
        << QStringLiteral("Merge branch 'codex/retry' into 'main'")
        << QStringList { QStringLiteral("codex/retry") };
    QTest::addRow("merge branch of a remote URL")
        << QStringLiteral("Merge branch 'feature' of github.com:foo/bar")
        << QStringList { QStringLiteral("feature") };
    QTest::addRow("merge several branches")
        << QStringLiteral("Merge branches 'a' and 'cursor/b' into main")
        << QStringList { QStringLiteral("a"), QStringLiteral("cursor/b") };
    QTest::addRow("remote-tracking branch")
        << QStringLiteral("Merge remote-tracking branch 'origin/codex/fix-x'")
        << QStringList { QStringLiteral("codex/fix-x") };
    QTest::addRow("not a merge") << QStringLiteral("Fix merge pull request parsing") << QStringList {};
    QTest::addRow("merge prose") << QStringLiteral("Merge the two parsers") << QStringList {};
}

void TestAiRules::branchRecovery()
{
    QFETCH(QString, subject);
    QFETCH(QStringList, branches);
    QCOMPARE(branchesFromSubject(subject), branches);
}

void TestAiRules::requiredLiterals_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("modelled");
    QTest::addColumn<QStringList>("literals");

    auto row = [](const char* name, const char* pattern, std::optional<QStringList> literals) {
        QTest::addRow("%s", name) << QString::fromLatin1(pattern) << literals.has_value()
                                  << literals.value_or(QStringList());
    };
    row("plain literal with escapes", R"(cursoragent@cursor\.com)",
        QStringList { QStringLiteral("cursoragent@cursor.com") });
    row("lower-cased", "Made-With:", QStringList { QStringLiteral("made-with:") });
    row("flags, anchors, classes", R"((?im)^made-with:[ \t]*cursor\b)",
        QStringList { QStringLiteral("made-with:") });
    row("optional atom splits a run", "colou?r", QStringList { QStringLiteral("colo") });
    row("plus keeps one copy", "ab+c", QStringList { QStringLiteral("ab") });
    row("counted atom", "a{2}bcd", QStringList { QStringLiteral("bcd") });
    row("top-level alternation", "foo|bar", QStringList { QStringLiteral("foo"), QStringLiteral("bar") });
    row("alternation in a group", R"(^(initial plan|changes before)\b)",
        QStringList { QStringLiteral("initial plan"), QStringLiteral("changes before") });
    row("optional group ignored", "(?:abc)?defg", QStringList { QStringLiteral("defg") });
    row("lookahead skipped", "abc(?=xyz)", QStringList { QStringLiteral("abc") });
    row("named group", "(?<name>hello)", QStringList { QStringLiteral("hello") });
    row("class starting with ]", "[]x]abc", QStringList { QStringLiteral("abc") });
    row("alternative without a literal", R"(foo|\d+)", std::nullopt);
    row("quoting \\Q...\\E", R"(\Qa.b\E)", std::nullopt);
    row("extended mode", "(?x) a b c", std::nullopt);
    row("backreference", R"((a)\1)", std::nullopt);
    row("hex escape", R"(\x41BC)", std::nullopt);
    row("literal brace", "a{b", std::nullopt);
    row("verb", "(*UCP)abc", std::nullopt);
}

void TestAiRules::requiredLiterals()
{
    QFETCH(QString, pattern);
    QFETCH(bool, modelled);
    QFETCH(QStringList, literals);
    const std::optional<QStringList> got = detail::requiredLiterals(pattern);
    QCOMPARE(got.has_value(), modelled);
    if (modelled)
        QCOMPARE(*got, literals);
}

void TestAiRules::throughput()
{
    // 100k synthetic commits, mostly human with realistic bodies and trailers, ~10% AI-marked.
    // No timing assertion: the number goes to the log (and into the report).
    const QStringList aiMessages {
        QStringLiteral(
            "Fix parser\n\nCo-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>\n"),
        QStringLiteral("Fix list view\n\nCo-authored-by: Cursor <cursoragent@cursor.com>\n"),
        QStringLiteral(
            "feat: Add retries\n\nCo-authored-by: aider (anthropic/claude-sonnet-4) <aider@aider.chat>\n"),
        QStringLiteral("Add filter (#1)\n\n---------\n\nCo-authored-by: copilot-swe-agent[bot] "
                       "<198982749+Copilot@users.noreply.github.com>\n"),
    };
    QString body;
    for (int i = 0; i < 6; ++i)
        body += QStringLiteral(
                    "This paragraph explains why the change was needed and what it touches, line %1.\n")
                    .arg(i);
    QRandomGenerator rng(42);
    std::vector<CommitFacts> commits;
    commits.reserve(100'000);
    for (int i = 0; i < 100'000; ++i) {
        const QString author = QStringLiteral("Dev %1 <dev%1@example.com>").arg(i % 500);
        QString message;
        if (i % 10 == 0)
            message = aiMessages.at(i / 10 % aiMessages.size());
        else
            message = QStringLiteral("Fix issue %1 in module %2\n\n").arg(i).arg(rng.bounded(100)) % body
                % QStringLiteral("\nReviewed-by: Rev <rev@example.com>\nSigned-off-by: ") % author
                % QLatin1Char('\n');
        commits.push_back(commit(author, QStringLiteral("GitHub <noreply@github.com>"), message,
                                 { QStringLiteral("refs/heads/feature/%1").arg(i % 50) }));
    }

    QElapsedTimer timer;
    timer.start();
    int ai = 0;
    for (const CommitFacts& c : commits)
        ai += m_rules.classify(c).has_value() ? 1 : 0;
    const qint64 ms = std::max<qint64>(1, timer.elapsed());
    QCOMPARE(ai, 10'000);
    qInfo("classify(): %zu commits in %lld ms = %.0f commits/s", commits.size(), ms,
          commits.size() * 1000.0 / double(ms));

    timer.restart();
    const QByteArray sample = commits[1].message.toUtf8();
    for (int i = 0; i < 100'000; ++i)
        (void)parseTrailers(sample);
    qInfo("parseTrailers(): 100000 messages in %lld ms", timer.elapsed());
}

QTEST_GUILESS_MAIN(TestAiRules)
#include "tst_ai_rules.moc"
