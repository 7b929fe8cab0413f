#include "git/ai_rules_prefilter.h"

#include <algorithm>
#include <limits>

namespace faultline::importers::git::detail {

namespace {

using Requirement = QStringList;
using Branch = LiteralBranch;

// The requirement of a branch whose shortest literal is longest (the most selective).
Requirement bestRequirement(const Branch& branch)
{
    Requirement best;
    qsizetype bestLength = 0;
    for (const Requirement& r : branch) {
        qsizetype shortest = std::numeric_limits<qsizetype>::max();
        for (const QString& s : r)
            shortest = std::min(shortest, s.size());
        if (!r.isEmpty() && shortest > bestLength) {
            best = r;
            bestLength = shortest;
        }
    }
    return best;
}

class LiteralScan
{
public:
    explicit LiteralScan(QStringView pattern)
        : m_p(pattern)
    { }

    // Top-level alternatives, each with every requirement found in it; nullopt when the pattern is
    // not modelled or some alternative has no requirement at all.
    std::optional<std::vector<Branch>> run()
    {
        std::vector<Branch> branches = alternation();
        if (!m_ok || m_i != m_p.size())
            return std::nullopt;
        for (const Branch& b : branches) {
            if (b.empty())
                return std::nullopt;
        }
        return branches;
    }

private:
    enum class Kind
    {
        Literal,
        Other,
        ZeroWidth,
        Group
    };
    struct Atom
    {
        Kind kind = Kind::Other;
        QChar ch;
        std::vector<Branch> group;
    };

    bool at(char c) const { return m_i < m_p.size() && m_p[m_i] == QLatin1Char(c); }
    void fail() { m_ok = false; }
    void expect(char c)
    {
        if (at(c))
            ++m_i;
        else
            fail();
    }

    std::vector<Branch> alternation()
    {
        std::vector<Branch> branches(1);
        QString run;
        auto endRun = [&] {
            if (!run.isEmpty())
                branches.back().push_back({ run });
            run.clear();
        };
        while (m_ok && m_i < m_p.size() && !at(')')) {
            if (at('|')) {
                endRun();
                branches.emplace_back();
                ++m_i;
                continue;
            }
            const Atom atom = parseAtom();
            const int minimum = m_ok ? parseQuantifier() : 1;
            if (!m_ok)
                break;
            switch (atom.kind) {
            case Kind::Literal:
                if (minimum == 0) {
                    endRun();
                } else if (atom.ch.unicode() >= 0x20 && atom.ch.unicode() < 0x7f) {
                    run += QChar(atom.ch.toLatin1() >= 'A' && atom.ch.toLatin1() <= 'Z'
                                     ? atom.ch.toLatin1() + 32
                                     : atom.ch.toLatin1());
                    if (minimum > 1 || minimum < 0)
                        endRun(); // quantified: it occurs, but what follows need not be adjacent
                } else {
                    endRun();
                }
                break;
            case Kind::Other:
            case Kind::ZeroWidth:
                endRun();
                break;
            case Kind::Group:
                endRun();
                if (minimum == 0)
                    break;
                if (atom.group.size() == 1) {
                    for (const Requirement& r : atom.group.front())
                        branches.back().push_back(r);
                } else {
                    Requirement anyOf;
                    for (const Branch& inner : atom.group) {
                        const Requirement best = bestRequirement(inner);
                        if (best.isEmpty()) {
                            anyOf.clear();
                            break;
                        }
                        anyOf += best;
                    }
                    if (!anyOf.isEmpty())
                        branches.back().push_back(anyOf);
                }
                break;
            }
        }
        endRun();
        return branches;
    }

    Atom parseAtom()
    {
        Atom atom;
        const QChar c = m_p[m_i++];
        switch (c.unicode()) {
        case '(':
            return parseGroup();
        case '[':
            parseClass();
            return atom;
        case '\\': {
            if (m_i >= m_p.size()) {
                fail();
                return atom;
            }
            const QChar e = m_p[m_i++];
            if (e.unicode() < 0x80 && !e.isLetterOrNumber()) {
                atom.kind = Kind::Literal;
                atom.ch = e;
            } else if (QStringView(u"dDwWsShHvVRX").contains(e)) {
                atom.kind = Kind::Other;
            } else if (QStringView(u"bBAzZG").contains(e)) {
                atom.kind = Kind::ZeroWidth;
            } else if (QStringView(u"tnrfea").contains(e)) {
                atom.kind = Kind::Other; // a control character: never part of a literal
            } else {
                fail(); // \x, \p, \N, \Q, \k, \g, \c, digits (backreferences, octal), …
            }
            return atom;
        }
        case '.':
            return atom;
        case '^':
        case '$':
            atom.kind = Kind::ZeroWidth;
            return atom;
        case '*':
        case '+':
        case '?':
        case '{':
            fail();
            return atom;
        default:
            atom.kind = Kind::Literal;
            atom.ch = c;
            return atom;
        }
    }

    Atom parseGroup()
    {
        Atom atom;
        atom.kind = Kind::Group;
        if (at('*')) {
            fail(); // (*VERB)
            return atom;
        }
        if (at('?')) {
            ++m_i;
            if (m_i >= m_p.size()) {
                fail();
                return atom;
            }
            const QChar k = m_p[m_i];
            if (k == QLatin1Char(':') || k == QLatin1Char('>') || k == QLatin1Char('|')) {
                ++m_i;
            } else if (k == QLatin1Char('=') || k == QLatin1Char('!')) {
                ++m_i;
                return lookaround();
            } else if (k == QLatin1Char('<') && m_i + 1 < m_p.size()
                       && (m_p[m_i + 1] == QLatin1Char('=') || m_p[m_i + 1] == QLatin1Char('!'))) {
                m_i += 2;
                return lookaround();
            } else if (k == QLatin1Char('<') || k == QLatin1Char('\'')
                       || (k == QLatin1Char('P') && m_i + 1 < m_p.size()
                           && m_p[m_i + 1] == QLatin1Char('<'))) {
                const QChar close = k == QLatin1Char('\'') ? QLatin1Char('\'') : QLatin1Char('>');
                m_i += k == QLatin1Char('P') ? 2 : 1;
                while (m_i < m_p.size() && (m_p[m_i].isLetterOrNumber() || m_p[m_i] == QLatin1Char('_')))
                    ++m_i;
                expect(close.toLatin1());
            } else if (k == QLatin1Char('#')) {
                while (m_i < m_p.size() && !at(')'))
                    ++m_i;
                expect(')');
                atom.kind = Kind::ZeroWidth;
                return atom;
            } else {
                const qsizetype start = m_i;
                while (
                    m_i < m_p.size()
                    && (m_p[m_i].isLetter() || m_p[m_i] == QLatin1Char('-') || m_p[m_i] == QLatin1Char('^')))
                    ++m_i;
                const QStringView flags = m_p.mid(start, m_i - start);
                // Extended mode changes what whitespace and # mean; recursion, conditionals,
                // callouts and (?R) have no letters here and fail too.
                if (flags.isEmpty() || flags.contains(QLatin1Char('x')) || flags.contains(QLatin1Char('X'))) {
                    fail();
                    return atom;
                }
                if (at(')')) {
                    ++m_i;
                    atom.kind = Kind::ZeroWidth;
                    return atom;
                }
                expect(':');
            }
        }
        if (m_ok)
            atom.group = alternation();
        expect(')');
        return atom;
    }

    Atom lookaround()
    {
        (void)alternation();
        expect(')');
        Atom atom;
        atom.kind = Kind::ZeroWidth;
        return atom;
    }

    void parseClass()
    {
        if (at('^'))
            ++m_i;
        if (at(']'))
            ++m_i;
        while (m_ok && m_i < m_p.size() && !at(']')) {
            if (at('\\')) {
                ++m_i;
                if (m_i >= m_p.size() || QStringView(u"xpPNoQEcgk").contains(m_p[m_i]) || m_p[m_i].isDigit())
                    fail();
                ++m_i;
            } else if (at('[') && m_i + 1 < m_p.size() && m_p[m_i + 1] == QLatin1Char(':')) {
                const qsizetype end = m_p.indexOf(QLatin1String(":]"), m_i + 2);
                if (end < 0)
                    fail();
                m_i = end + 2;
            } else {
                ++m_i;
            }
        }
        expect(']');
    }

    // Returns the minimum repeat count: 1 without a quantifier, -1 for {n} with n > 1 and the like.
    int parseQuantifier()
    {
        int minimum = 1;
        bool quantified = true;
        if (at('?') || at('*')) {
            minimum = 0;
            ++m_i;
        } else if (at('+')) {
            minimum = -1;
            ++m_i;
        } else if (at('{')) {
            qsizetype j = m_i + 1;
            auto digits = [&](int& value) {
                const qsizetype from = j;
                value = 0;
                while (j < m_p.size() && m_p[j].isDigit() && j - from < 6)
                    value = value * 10 + m_p[j++].digitValue();
                return j > from;
            };
            int low = 0;
            int high = 0;
            const bool hasLow = digits(low);
            bool ok = true;
            if (j < m_p.size() && m_p[j] == QLatin1Char(',')) {
                ++j;
                const bool hasHigh = digits(high);
                ok = hasLow || hasHigh;
            } else {
                ok = hasLow;
            }
            if (!ok || j >= m_p.size() || m_p[j] != QLatin1Char('}')) {
                fail(); // PCRE2 would read a literal '{' here; not worth modelling
                return 1;
            }
            m_i = j + 1;
            minimum = hasLow ? (low == 0 ? 0 : -1) : 0;
        } else {
            quantified = false;
        }
        if (quantified && (at('?') || at('+')))
            ++m_i; // lazy or possessive
        return minimum;
    }

    QStringView m_p;
    qsizetype m_i = 0;
    bool m_ok = true;
};

} // namespace

std::optional<std::vector<LiteralBranch>> literalBranches(const QString& pattern)
{
    return LiteralScan(pattern).run();
}

std::optional<QStringList> requiredLiterals(const QString& pattern)
{
    const std::optional<std::vector<Branch>> branches = literalBranches(pattern);
    if (!branches)
        return std::nullopt;
    QStringList out;
    for (const Branch& b : *branches) {
        for (const QString& s : bestRequirement(b)) {
            if (!out.contains(s))
                out.append(s);
        }
    }
    return out;
}

std::optional<int> LiteralMatcher::add(const QString& literal)
{
    if (const qsizetype at = m_literals.indexOf(literal); at >= 0)
        return int(at);
    if (m_literals.size() >= kMaxLiterals)
        return std::nullopt;
    m_literals.append(literal);
    return int(m_literals.size() - 1);
}

void LiteralMatcher::build()
{
    m_classOf.fill(0);
    m_classes = 1;
    for (const QString& l : m_literals) {
        for (QChar c : l) {
            if (m_classOf[c.unicode()] == 0)
                m_classOf[c.unicode()] = std::uint8_t(m_classes++);
        }
    }
    // Trie, then failure links breadth-first, folded into a complete transition table.
    m_delta.assign(size_t(m_classes), -1);
    m_out.assign(1, 0);
    for (qsizetype id = 0; id < m_literals.size(); ++id) {
        int state = 0;
        for (QChar c : m_literals.at(id)) {
            int& next = m_delta[size_t(state * m_classes + m_classOf[c.unicode()])];
            if (next < 0) {
                next = int(m_out.size());
                m_out.push_back(0);
                m_delta.resize(m_delta.size() + size_t(m_classes), -1);
            }
            state = m_delta[size_t(state * m_classes + m_classOf[c.unicode()])];
        }
        m_out[size_t(state)] |= quint64(1) << id;
    }
    std::vector<int> fail(m_out.size(), 0);
    std::vector<int> queue;
    for (int a = 0; a < m_classes; ++a) {
        int& next = m_delta[size_t(a)];
        if (next < 0) {
            next = 0;
        } else {
            fail[size_t(next)] = 0;
            queue.push_back(next);
        }
    }
    for (size_t head = 0; head < queue.size(); ++head) {
        const int s = queue[head];
        m_out[size_t(s)] |= m_out[size_t(fail[size_t(s)])];
        for (int a = 0; a < m_classes; ++a) {
            int& next = m_delta[size_t(s * m_classes + a)];
            const int viaFail = m_delta[size_t(fail[size_t(s)] * m_classes + a)];
            if (next < 0) {
                next = viaFail;
            } else {
                fail[size_t(next)] = viaFail;
                queue.push_back(next);
            }
        }
    }
}

quint64 LiteralMatcher::scan(const QString& text) const
{
    if (m_literals.isEmpty())
        return 0;
    quint64 found = 0;
    int state = 0;
    for (QChar c : text) {
        char16_t u = c.unicode();
        if (u >= 0x80)
            u = c.toCaseFolded().unicode();
        else if (u >= 'A' && u <= 'Z')
            u = char16_t(u + 32);
        const int cls = u < 0x80 ? m_classOf[u] : 0;
        state = m_delta[size_t(state * m_classes + cls)];
        found |= m_out[size_t(state)];
    }
    return found;
}

} // namespace faultline::importers::git::detail
