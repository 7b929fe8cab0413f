#pragma once

#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

// The literal prefilter of AiRuleSet. PCRE2 through QRegularExpression costs about a microsecond
// per call and a commit meets some forty rules, but nearly every rule needs a distinctive literal
// (an e-mail, a URL, a trailer key). Each pattern is scanned once at load for the literals every
// match must contain; per commit, one Aho-Corasick pass per field tells which of them occur, and
// only rules whose literals are present run their regex. The scan is conservative: anything it does
// not model makes the rule always run, so the prefilter can only skip rules that cannot match.
namespace faultline::importers::git::detail {

// All of these requirements hold in any match of one top-level alternative; a requirement is an
// any-of list of literals (ASCII, lower-cased).
using LiteralBranch = std::vector<QStringList>;

// The top-level alternatives of `pattern` with their requirements, or nullopt when some alternative
// has none or the pattern uses syntax the scan does not model (\Q…\E, \x{…}, backreferences,
// conditionals, verbs, extended mode, …).
std::optional<std::vector<LiteralBranch>> literalBranches(const QString& pattern);

// The most selective requirement of each alternative, merged: every match contains one of these.
// For tests and `faultline explain`.
std::optional<QStringList> requiredLiterals(const QString& pattern);

// Aho-Corasick over lower-cased ASCII, compiled to a DFA on the characters the literals use. Up to
// 64 literals (one bit each); a caller whose literals do not fit must not filter on them.
class LiteralMatcher
{
public:
    static constexpr int kMaxLiterals = 64;

    // The bit of a literal (an existing one is reused), or nullopt when the table is full.
    std::optional<int> add(const QString& literal);
    // Call once after the last add().
    void build();
    // Bits of the literals that occur in `text`, compared case-insensitively as PCRE2 does for
    // ASCII (the Kelvin sign and the long s fold to k and s).
    quint64 scan(const QString& text) const;

private:
    QStringList m_literals;
    std::array<std::uint8_t, 128> m_classOf {};
    int m_classes = 1;
    std::vector<int> m_delta;
    std::vector<quint64> m_out;
};

} // namespace faultline::importers::git::detail
