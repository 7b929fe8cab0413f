#pragma once

#include <QByteArray>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace faultline::importers::git {

// One `Key: value` line of a commit's real trailer block (continuation lines unfolded).
struct Trailer
{
    QString key;
    QString value;
};

// Everything the AI-marker rules look at for one commit. `trailers` must be filled by the caller
// (factsFromMessage() does it): classify() never re-parses the message, so that it stays cheap.
struct CommitFacts
{
    QString authorName, authorEmail, committerName, committerEmail, message, subject;
    std::vector<Trailer> trailers;
    // Branch names without refs/heads/ (from refs, or recovered with branchesFromSubject()).
    QStringList branches;
};

// Why a commit counts as AI-assisted: the marker id (AI_MARKERS.md §1.2) and the raw text it matched,
// which is what gets stored, not just a boolean (markers have version eras).
struct AiMatch
{
    QString tool; // stable tool id: "claude-code", "copilot-agent", "cursor", "codex", "aider", …
    QString ruleId; // "CC1", "AD1", …
    QString field; // author, committer, name, committer_name, message, subject, trailers, branch
    QString matchedText;

    bool operator==(const AiMatch&) const = default;
};

// The trailer block exactly as git understands it, via libgit2's git_message_trailers(): quoted or
// indented lines and `Key:` lines in the middle of the body are not trailers. One deviation: lines
// starting with `---` are blanked first, because libgit2 takes them for the start of a patch and
// GitHub's squash messages put a `---------` rule right above their Co-authored-by block.
// Initialises libgit2 on first use (a function-local static), so callers need not.
std::vector<Trailer> parseTrailers(const QByteArray& message);

// Branch names recovered from merge subjects: `Merge pull request #N from owner/<branch>` and
// `Merge branch '<branch>'` (also `Merge branches 'a' and 'b'` and `Merge remote-tracking branch
// 'origin/<branch>'`, with the remote dropped). Empty for any other subject.
QStringList branchesFromSubject(const QString& subject);

// Convenience for importers and `faultline explain`: decodes the raw message as UTF-8, takes the
// first line as the subject, parses the trailers and adds the branches named by a merge subject.
CommitFacts factsFromMessage(const QString& authorName, const QString& authorEmail,
                             const QString& committerName, const QString& committerEmail,
                             const QByteArray& rawMessage, const QStringList& branches = {});

// The AI-marker rules: a JSON document compiled once, then run against every commit. All patterns
// are compiled case-insensitive and multi-line (AI_MARKERS.md §1.2 flags) and JIT-optimised at load.
// Matching is read-only, so one set may be shared across threads.
//
// File format (resources/ai_rules.json is the default set):
//   {"schema_version": 1, "rules": [{
//      "id": "CU2", "tool": "cursor",
//      "target": "trailers" | [...]   author, committer, identity (both), name (author name),
//                                      committer_name, message, subject, trailers, branch
//      "pattern": "…",                 PCRE2
//      "requires": "CP1",              optional: another rule that must match the same commit
//      "exclude": "…" | [...],         optional: vetoes an occurrence, see below
//      "tool_map": [{"pattern", "tool"}], optional: the first to match the matched text names the tool
//      "precedence": "branch",         optional: identity, message, name or branch (default: by target)
//      "enabled": false,               a disabled rule needs only its id
//      "description": "…"}]}           keys starting with "_" are ignored too
//
// Precedence (classify() returns the first hit; explain() lists one hit per rule, in this order):
// rules on the identity (author/committer `Name <email>`), then the message, subject and trailers,
// then names alone, then branches; within a tier, the order of the rules in the file.
//
// False-positive controls built into matching, so user rules get them too:
//  - message lines that quote a trailer (`> Key:`, `- Key:`, `* Key:`, `1. Key:`, `2) Key:`) and
//    any line starting with `>` are invisible to message rules;
//  - a rule's "exclude" patterns veto an occurrence when they match the line it was found on (the
//    whole value for one-line fields); the search then moves on to the next occurrence;
//  - "requires" names another rule that must match the same commit (CP3 needs the CP1 identity).
class AiRuleSet
{
public:
    // The built-in rules (resource :/faultline/rules/ai_rules.json).
    static AiRuleSet defaults();
    // Throws ValueError `<sourceName>: <json path>: <problem>`, e.g.
    // `rules.json: rules[3].pattern: invalid regular expression at offset 4: missing )`.
    static AiRuleSet fromJson(const QByteArray& json, const QString& sourceName);
    // As fromJson(); an unreadable file is a ValueError naming it too.
    static AiRuleSet fromFile(const QString& path);

    // A user rule with the id of an existing rule replaces it in place (keeping its precedence),
    // `"enabled": false` switches it off, any other id is appended. Throws ValueError when an enabled
    // rule then `requires` an id that does not exist.
    void overrideWith(const AiRuleSet& user);

    std::optional<AiMatch> classify(const CommitFacts& facts) const;
    std::vector<AiMatch> explain(const CommitFacts& facts) const;

    int size() const; // enabled rules
    QStringList ruleIds() const; // enabled rules, in file order

private:
    enum class Target
    {
        Author,
        Committer,
        Identity,
        Name,
        CommitterName,
        Message,
        Subject,
        Trailers,
        Branch
    };
    enum class Tier
    {
        Identity,
        Message,
        Name,
        Branch
    };

    struct Rule
    {
        QString id;
        QString tool;
        std::vector<Target> targets;
        QRegularExpression pattern;
        std::vector<QRegularExpression> excludes;
        std::vector<std::pair<QRegularExpression, QString>> toolMap;
        QString required;
        int requiredIndex = -1; // resolved by rebuildProbes(); -1 = unknown or disabled
        std::optional<Tier> tier;
        bool enabled = true;
        QString origin; // "<source>: rules[i]", for errors raised after loading
    };

    // One (rule, concrete field) pair; classify() walks these in precedence order.
    struct Probe
    {
        int rule;
        Target field; // never Identity: it is expanded to Author and Committer
        Tier tier;
    };

    class Views;

    static constexpr int kFieldCount = int(Target::Branch) + 1;

    std::optional<AiMatch> runProbe(const Probe& probe, Views& views) const;
    bool mayMatch(int rule, Target field, Views& views) const;
    bool ruleMatches(int ruleIndex, Views& views) const;
    int indexOf(const QString& id) const;
    void rebuildProbes();
    void checkRequires() const;

    static Tier tierOf(Target target);
    static QString fieldName(Target target);

    // Literals every match of a rule must contain, found in one pass per field (ai_rules_prefilter.h):
    // most commits are human, and a field that holds none of a rule's literals skips its regex.
    struct Prefilter;

    std::vector<Rule> m_rules;
    std::vector<Probe> m_probes;
    std::shared_ptr<const Prefilter> m_prefilter; // immutable once built, so copies share it
};

} // namespace faultline::importers::git
