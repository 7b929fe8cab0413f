#include "git/ai_rules.h"

#include "common/timestamp_parser.h"
#include "git/ai_rules_prefilter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

#include <git2.h>

#include <algorithm>
#include <array>

namespace faultline::importers::git {

namespace {

const QString kDefaultRulesResource = QStringLiteral(":/faultline/rules/ai_rules.json");

[[noreturn]] void failAt(const QString& source, const QString& where, const QString& problem)
{
    throw ValueError(
        QString(source % QLatin1String(": ") % where % QLatin1String(": ") % problem).toStdString());
}

QString jsonTypeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

// QJsonParseError only gives a byte offset; people fix files by line and column.
QString lineAndColumn(const QByteArray& text, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    const qsizetype lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const qsizetype line = text.left(offset).count('\n') + 1;
    return QStringLiteral("line %1, column %2").arg(line).arg(offset - lineStart + 1);
}

// Reads one rule file; every complaint names the source and the JSON path.
class RuleReader
{
public:
    explicit RuleReader(QString source)
        : m_source(std::move(source))
    { }

    [[noreturn]] void fail(const QString& path, const QString& problem) const
    {
        failAt(m_source, path, problem);
    }

    QString string(const QJsonValue& v, const QString& path) const
    {
        if (!v.isString())
            fail(path, QLatin1String("expected a string, found ") % jsonTypeName(v));
        const QString s = v.toString();
        if (s.trimmed().isEmpty())
            fail(path, QStringLiteral("must not be empty"));
        return s;
    }

    // A string or an array of strings.
    QStringList strings(const QJsonValue& v, const QString& path) const
    {
        if (v.isString())
            return { string(v, path) };
        if (!v.isArray())
            fail(path, QLatin1String("expected a string or an array of strings, found ") % jsonTypeName(v));
        const QJsonArray a = v.toArray();
        if (a.isEmpty())
            fail(path, QStringLiteral("must not be empty"));
        QStringList out;
        for (qsizetype i = 0; i < a.size(); ++i)
            out.append(string(a.at(i), path % QLatin1Char('[') % QString::number(i) % QLatin1Char(']')));
        return out;
    }

    QRegularExpression regex(const QJsonValue& v, const QString& path) const
    {
        const QString pattern = string(v, path);
        QRegularExpression re(
            pattern, QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
        if (!re.isValid()) {
            fail(path,
                 QStringLiteral("invalid regular expression at offset %1: %2")
                     .arg(re.patternErrorOffset())
                     .arg(re.errorString()));
        }
        // A pattern that matches the empty string matches every commit.
        if (re.match(QString()).hasMatch())
            fail(path, QStringLiteral("the pattern matches an empty string, so it would match every commit"));
        re.optimize();
        return re;
    }

private:
    QString m_source;
};

// Lines that quote someone else's text or trailers (AI_MARKERS.md §1.2 false-positive controls):
// anything after `>`, and list items or numbered items whose first token is a trailer key.
bool isQuotedLine(QStringView line)
{
    qsizetype i = 0;
    const qsizetype n = line.size();
    auto skipBlanks = [&] {
        while (i < n && (line[i] == QLatin1Char(' ') || line[i] == QLatin1Char('\t')))
            ++i;
    };
    skipBlanks();
    if (i >= n)
        return false;
    const QChar c = line[i];
    if (c == QLatin1Char('>'))
        return true;
    if (c == QLatin1Char('-') || c == QLatin1Char('*')) {
        ++i;
    } else if (c.isDigit()) {
        while (i < n && line[i].isDigit())
            ++i;
        if (i >= n || (line[i] != QLatin1Char('.') && line[i] != QLatin1Char(')')))
            return false;
        ++i;
    } else {
        return false;
    }
    skipBlanks();
    const qsizetype keyStart = i;
    while (i < n
           && ((line[i] >= QLatin1Char('a') && line[i] <= QLatin1Char('z'))
               || (line[i] >= QLatin1Char('A') && line[i] <= QLatin1Char('Z'))
               || (line[i] >= QLatin1Char('0') && line[i] <= QLatin1Char('9'))
               || line[i] == QLatin1Char('-')))
        ++i;
    return i > keyStart && i < n && line[i] == QLatin1Char(':');
}

QString withoutQuotedLines(const QString& message)
{
    QString out;
    bool changed = false;
    qsizetype start = 0;
    while (start <= message.size()) {
        qsizetype end = message.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = message.size();
        const QStringView line = QStringView(message).mid(start, end - start);
        if (isQuotedLine(line)) {
            if (!changed) {
                out = message.left(start);
                changed = true;
            }
        } else if (changed) {
            out += line;
        }
        if (changed && end < message.size())
            out += QLatin1Char('\n');
        start = end + 1;
    }
    return changed ? out : message;
}

QString firstLine(const QString& text)
{
    const qsizetype nl = text.indexOf(QLatin1Char('\n'));
    QString line = nl < 0 ? text : text.left(nl);
    if (line.endsWith(QLatin1Char('\r')))
        line.chop(1);
    return line;
}

QString normalisedBranch(const QString& ref)
{
    static const QString heads = QStringLiteral("refs/heads/");
    static const QString remotes = QStringLiteral("refs/remotes/");
    if (ref.startsWith(heads))
        return ref.mid(heads.size());
    if (ref.startsWith(remotes)) {
        const qsizetype slash = ref.indexOf(QLatin1Char('/'), remotes.size());
        return slash < 0 ? QString() : ref.mid(slash + 1);
    }
    return ref;
}

// libgit2 needs git_libgit2_init() before git_message_trailers(); the count is reference-counted, so
// this coexists with the importer's own init.
struct LibGit2Session
{
    LibGit2Session() { git_libgit2_init(); }
    ~LibGit2Session() { git_libgit2_shutdown(); }
    LibGit2Session(const LibGit2Session&) = delete;
    LibGit2Session& operator=(const LibGit2Session&) = delete;
};

} // namespace

// ---------------------------------------------------------------------------------------------
// Prefilter (see ai_rules_prefilter.h)

struct AiRuleSet::Prefilter
{
    // A rule may match a field if, for some top-level alternative, every requirement has one of
    // its literals in the field: a bit mask per requirement, a list of those per alternative.
    using Condition = std::vector<std::vector<quint64>>;

    std::array<detail::LiteralMatcher, kFieldCount> matchers;
    // Per rule and field; empty = no usable literal, always run the regex.
    std::vector<std::array<Condition, kFieldCount>> conditions;
};

// ---------------------------------------------------------------------------------------------
// Free helpers

std::vector<Trailer> parseTrailers(const QByteArray& message)
{
    static const LibGit2Session session;

    QByteArray text = message;
    if (text.startsWith("---") || text.contains("\n---")) {
        QByteArray cleaned;
        cleaned.reserve(text.size());
        qsizetype start = 0;
        while (start < text.size()) {
            qsizetype end = text.indexOf('\n', start);
            const bool last = end < 0;
            if (last)
                end = text.size();
            if (!text.mid(start, 3).startsWith("---"))
                cleaned.append(text.constData() + start, end - start);
            if (!last)
                cleaned.append('\n');
            start = end + 1;
        }
        text = cleaned;
    }

    git_message_trailer_array array {};
    if (git_message_trailers(&array, text.constData()) != 0)
        return {};
    std::vector<Trailer> out;
    out.reserve(array.count);
    for (size_t i = 0; i < array.count; ++i) {
        QString key = QString::fromUtf8(array.trailers[i].key).trimmed();
        // libgit2 takes a line starting with ':' for a trailer with an empty key; git needs a token
        // before the separator and does not list such a line (found by fuzz_trailers).
        if (key.isEmpty())
            continue;
        QString value = QString::fromUtf8(array.trailers[i].value);
        // Continuation lines are part of the value; unfold them as `git interpret-trailers` does.
        value = value.contains(QLatin1Char('\n')) ? value.simplified() : value.trimmed();
        out.push_back({ std::move(key), value });
    }
    git_message_trailer_array_free(&array);
    return out;
}

QStringList branchesFromSubject(const QString& subject)
{
    if (!subject.startsWith(QLatin1String("Merge ")))
        return {};
    static const QRegularExpression pullRequest(
        QStringLiteral("^Merge pull request #\\d+ from [^/\\s]+/(\\S+)"));
    static const QRegularExpression branchMerge(
        QStringLiteral("^Merge (remote-tracking )?branch(?:es)? (.*?)(?: into .*| of .*)?$"));
    static const QRegularExpression quoted(QStringLiteral("'([^']+)'"));

    if (const auto m = pullRequest.match(subject); m.hasMatch())
        return { m.captured(1) };
    const auto m = branchMerge.match(subject);
    if (!m.hasMatch())
        return {};
    const bool remoteTracking = m.capturedLength(1) > 0;
    QStringList out;
    auto it = quoted.globalMatch(m.captured(2));
    while (it.hasNext()) {
        QString branch = it.next().captured(1);
        if (remoteTracking) {
            // `origin/copilot/x` is the branch `copilot/x` of the remote `origin`.
            const qsizetype slash = branch.indexOf(QLatin1Char('/'));
            if (slash > 0)
                branch = branch.mid(slash + 1);
        }
        if (!branch.isEmpty() && !out.contains(branch))
            out.append(branch);
    }
    return out;
}

CommitFacts factsFromMessage(const QString& authorName, const QString& authorEmail,
                             const QString& committerName, const QString& committerEmail,
                             const QByteArray& rawMessage, const QStringList& branches)
{
    CommitFacts facts;
    facts.authorName = authorName;
    facts.authorEmail = authorEmail;
    facts.committerName = committerName;
    facts.committerEmail = committerEmail;
    facts.message = QString::fromUtf8(rawMessage);
    facts.subject = firstLine(facts.message);
    facts.trailers = parseTrailers(rawMessage);
    facts.branches = branches;
    const QStringList fromSubject = branchesFromSubject(facts.subject);
    for (const QString& b : fromSubject) {
        if (!facts.branches.contains(b))
            facts.branches.append(b);
    }
    return facts;
}

// ---------------------------------------------------------------------------------------------
// Per-commit values of each field, built only when a rule first asks for them.

class AiRuleSet::Views
{
public:
    explicit Views(const CommitFacts& facts)
        : m_facts(facts)
    { }

    // The values of one field: most fields have one, trailers and branches several.
    std::pair<const QString*, qsizetype> values(Target target)
    {
        switch (target) {
        case Target::Author:
            if (!m_author)
                m_author = identity(m_facts.authorName, m_facts.authorEmail);
            return { &*m_author, 1 };
        case Target::Committer:
            if (!m_committer)
                m_committer = identity(m_facts.committerName, m_facts.committerEmail);
            return { &*m_committer, 1 };
        case Target::Name:
            return { &m_facts.authorName, 1 };
        case Target::CommitterName:
            return { &m_facts.committerName, 1 };
        case Target::Message:
            if (!m_message)
                m_message = withoutQuotedLines(m_facts.message);
            return { &*m_message, 1 };
        case Target::Subject:
            if (!m_subject)
                m_subject = m_facts.subject.isEmpty() ? firstLine(m_facts.message) : m_facts.subject;
            return { &*m_subject, 1 };
        case Target::Trailers:
            if (!m_trailers) {
                m_trailers.emplace();
                m_trailers->reserve(qsizetype(m_facts.trailers.size()));
                for (const Trailer& t : m_facts.trailers)
                    m_trailers->append(t.key % QLatin1String(": ") % t.value);
            }
            return { m_trailers->constData(), m_trailers->size() };
        case Target::Branch:
            if (!m_branches) {
                m_branches.emplace();
                for (const QString& b : m_facts.branches)
                    m_branches->append(normalisedBranch(b));
            }
            return { m_branches->constData(), m_branches->size() };
        case Target::Identity:
            break;
        }
        Q_UNREACHABLE();
        return { nullptr, 0 };
    }

private:
    static QString identity(const QString& name, const QString& email)
    {
        if (name.isEmpty() && email.isEmpty())
            return {};
        return name % QLatin1String(" <") % email % QLatin1Char('>');
    }

public:
    // Which prefilter literals occur in each field, computed on first use.
    std::array<std::optional<quint64>, kFieldCount> literalsFound;

private:
    const CommitFacts& m_facts;
    std::optional<QString> m_author, m_committer, m_message, m_subject;
    std::optional<QStringList> m_trailers, m_branches;
};

// ---------------------------------------------------------------------------------------------
// Loading

AiRuleSet AiRuleSet::defaults()
{
    static const AiRuleSet builtIn = [] {
        AiRuleSet set = fromFile(kDefaultRulesResource);
        set.checkRequires();
        return set;
    }();
    return builtIn;
}

AiRuleSet AiRuleSet::fromFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ValueError(QString(path % QLatin1String(": cannot read: ") % file.errorString()).toStdString());
    return fromJson(file.readAll(), path);
}

AiRuleSet AiRuleSet::fromJson(const QByteArray& json, const QString& sourceName)
{
    const RuleReader reader(sourceName);

    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        reader.fail(lineAndColumn(json, parseError.offset),
                    QLatin1String("not valid JSON: ") % parseError.errorString());
    }
    if (!doc.isObject())
        reader.fail(QStringLiteral("(top level)"),
                    QStringLiteral("expected an object with a \"rules\" array"));
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        const QString& key = it.key();
        if (key == QLatin1String("rules") || key == QLatin1String("schema_version")
            || key == QLatin1String("description") || key.startsWith(QLatin1Char('_')))
            continue;
        reader.fail(key, QStringLiteral("unknown key (expected rules, schema_version, description)"));
    }
    if (root.contains(QLatin1String("schema_version"))
        && root.value(QLatin1String("schema_version")).toInt(-1) != 1)
        reader.fail(QStringLiteral("schema_version"), QStringLiteral("unsupported version (expected 1)"));
    if (!root.contains(QLatin1String("rules")))
        reader.fail(QStringLiteral("rules"), QStringLiteral("missing (expected an array of rules)"));
    const QJsonValue rulesValue = root.value(QLatin1String("rules"));
    if (!rulesValue.isArray())
        reader.fail(QStringLiteral("rules"),
                    QLatin1String("expected an array, found ") % jsonTypeName(rulesValue));

    static const QHash<QString, Target> targets {
        { QStringLiteral("author"), Target::Author },
        { QStringLiteral("committer"), Target::Committer },
        { QStringLiteral("identity"), Target::Identity },
        { QStringLiteral("name"), Target::Name },
        { QStringLiteral("committer_name"), Target::CommitterName },
        { QStringLiteral("message"), Target::Message },
        { QStringLiteral("subject"), Target::Subject },
        { QStringLiteral("trailers"), Target::Trailers },
        { QStringLiteral("branch"), Target::Branch },
    };
    static const QHash<QString, Tier> tiers {
        { QStringLiteral("identity"), Tier::Identity },
        { QStringLiteral("message"), Tier::Message },
        { QStringLiteral("name"), Tier::Name },
        { QStringLiteral("branch"), Tier::Branch },
    };
    static const QStringList knownKeys { QStringLiteral("id"),       QStringLiteral("tool"),
                                         QStringLiteral("target"),   QStringLiteral("pattern"),
                                         QStringLiteral("requires"), QStringLiteral("exclude"),
                                         QStringLiteral("tool_map"), QStringLiteral("precedence"),
                                         QStringLiteral("enabled"),  QStringLiteral("description") };

    AiRuleSet set;
    QHash<QString, QString> seenIds; // id -> path of its first definition
    const QJsonArray rules = rulesValue.toArray();
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QString path = QStringLiteral("rules[%1]").arg(i);
        const QJsonValue ruleValue = rules.at(i);
        if (!ruleValue.isObject())
            reader.fail(path, QLatin1String("expected an object, found ") % jsonTypeName(ruleValue));
        const QJsonObject obj = ruleValue.toObject();
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            if (!knownKeys.contains(it.key()) && !it.key().startsWith(QLatin1Char('_'))) {
                reader.fail(path % QLatin1Char('.') % it.key(),
                            QLatin1String("unknown key (expected one of ")
                                % knownKeys.join(QLatin1String(", ")) % QLatin1Char(')'));
            }
        }
        auto field = [&](const char* key) -> QString { return path % QLatin1Char('.') % QLatin1String(key); };

        Rule rule;
        rule.origin = sourceName % QLatin1String(": ") % path;
        if (!obj.contains(QLatin1String("id")))
            reader.fail(field("id"), QStringLiteral("missing"));
        rule.id = reader.string(obj.value(QLatin1String("id")), field("id")).trimmed();
        if (const auto seen = seenIds.constFind(rule.id); seen != seenIds.cend())
            reader.fail(field("id"),
                        QStringLiteral("duplicate id \"%1\" (first defined at %2)").arg(rule.id, *seen));
        seenIds.insert(rule.id, path);

        if (obj.contains(QLatin1String("enabled"))) {
            const QJsonValue enabled = obj.value(QLatin1String("enabled"));
            if (!enabled.isBool())
                reader.fail(field("enabled"),
                            QLatin1String("expected true or false, found ") % jsonTypeName(enabled));
            rule.enabled = enabled.toBool();
        }
        // A disabled rule only needs its id; whatever else it gives must still be valid.
        for (const char* required : { "tool", "target", "pattern" }) {
            if (rule.enabled && !obj.contains(QLatin1String(required)))
                reader.fail(field(required), QStringLiteral("missing"));
        }
        if (obj.contains(QLatin1String("tool")))
            rule.tool = reader.string(obj.value(QLatin1String("tool")), field("tool")).trimmed();
        if (obj.contains(QLatin1String("target"))) {
            const QJsonValue t = obj.value(QLatin1String("target"));
            const QStringList names = reader.strings(t, field("target"));
            for (qsizetype k = 0; k < names.size(); ++k) {
                const auto found = targets.constFind(names.at(k).trimmed());
                if (found == targets.cend()) {
                    const QString where = t.isArray()
                        ? QString(field("target") % QStringLiteral("[%1]").arg(k))
                        : field("target");
                    reader.fail(
                        where,
                        QStringLiteral(
                            "unknown target \"%1\" (expected one of author, committer, identity, name, "
                            "committer_name, message, subject, trailers, branch)")
                            .arg(names.at(k)));
                }
                if (std::find(rule.targets.begin(), rule.targets.end(), *found) == rule.targets.end())
                    rule.targets.push_back(*found);
            }
        }
        if (obj.contains(QLatin1String("pattern")))
            rule.pattern = reader.regex(obj.value(QLatin1String("pattern")), field("pattern"));
        if (obj.contains(QLatin1String("requires")))
            rule.required = reader.string(obj.value(QLatin1String("requires")), field("requires")).trimmed();
        if (obj.contains(QLatin1String("exclude"))) {
            const QJsonValue ex = obj.value(QLatin1String("exclude"));
            if (ex.isString()) {
                rule.excludes.push_back(reader.regex(ex, field("exclude")));
            } else if (ex.isArray()) {
                const QJsonArray list = ex.toArray();
                for (qsizetype k = 0; k < list.size(); ++k)
                    rule.excludes.push_back(
                        reader.regex(list.at(k), field("exclude") % QStringLiteral("[%1]").arg(k)));
            } else {
                reader.fail(field("exclude"),
                            QLatin1String("expected a string or an array of strings, found ")
                                % jsonTypeName(ex));
            }
        }
        if (obj.contains(QLatin1String("tool_map"))) {
            const QJsonValue tm = obj.value(QLatin1String("tool_map"));
            if (!tm.isArray())
                reader.fail(field("tool_map"), QLatin1String("expected an array, found ") % jsonTypeName(tm));
            const QJsonArray list = tm.toArray();
            for (qsizetype k = 0; k < list.size(); ++k) {
                const QString itemPath = field("tool_map") % QStringLiteral("[%1]").arg(k);
                if (!list.at(k).isObject())
                    reader.fail(itemPath,
                                QLatin1String("expected an object with pattern and tool, found ")
                                    % jsonTypeName(list.at(k)));
                const QJsonObject item = list.at(k).toObject();
                for (auto it = item.begin(); it != item.end(); ++it) {
                    if (it.key() != QLatin1String("pattern") && it.key() != QLatin1String("tool"))
                        reader.fail(itemPath % QLatin1Char('.') % it.key(),
                                    QStringLiteral("unknown key (expected pattern, tool)"));
                }
                for (const char* required : { "pattern", "tool" }) {
                    if (!item.contains(QLatin1String(required)))
                        reader.fail(itemPath % QLatin1Char('.') % QLatin1String(required),
                                    QStringLiteral("missing"));
                }
                rule.toolMap.emplace_back(
                    reader.regex(item.value(QLatin1String("pattern")), itemPath % QLatin1String(".pattern")),
                    reader.string(item.value(QLatin1String("tool")), itemPath % QLatin1String(".tool"))
                        .trimmed());
            }
        }
        if (obj.contains(QLatin1String("precedence"))) {
            const QString name
                = reader.string(obj.value(QLatin1String("precedence")), field("precedence")).trimmed();
            const auto found = tiers.constFind(name);
            if (found == tiers.cend()) {
                reader.fail(
                    field("precedence"),
                    QStringLiteral("unknown precedence \"%1\" (expected identity, message, name or branch)")
                        .arg(name));
            }
            rule.tier = *found;
        }
        if (obj.contains(QLatin1String("description")) && !obj.value(QLatin1String("description")).isString())
            reader.fail(field("description"),
                        QLatin1String("expected a string, found ")
                            % jsonTypeName(obj.value(QLatin1String("description"))));

        set.m_rules.push_back(std::move(rule));
    }
    set.rebuildProbes();
    return set;
}

void AiRuleSet::overrideWith(const AiRuleSet& user)
{
    for (const Rule& rule : user.m_rules) {
        const int existing = indexOf(rule.id);
        if (existing >= 0) {
            if (rule.enabled)
                m_rules[size_t(existing)] = rule;
            else
                m_rules[size_t(existing)].enabled = false;
        } else if (rule.enabled) {
            m_rules.push_back(rule);
        }
    }
    rebuildProbes();
    checkRequires();
}

void AiRuleSet::checkRequires() const
{
    for (const Rule& rule : m_rules) {
        if (!rule.enabled || rule.required.isEmpty())
            continue;
        if (indexOf(rule.required) < 0) {
            throw ValueError(QString(rule.origin % QLatin1String(".requires: unknown rule \"") % rule.required
                                     % QLatin1Char('"'))
                                 .toStdString());
        }
    }
}

int AiRuleSet::indexOf(const QString& id) const
{
    for (size_t i = 0; i < m_rules.size(); ++i) {
        if (m_rules[i].id == id)
            return int(i);
    }
    return -1;
}

AiRuleSet::Tier AiRuleSet::tierOf(Target target)
{
    switch (target) {
    case Target::Author:
    case Target::Committer:
    case Target::Identity:
        return Tier::Identity;
    case Target::Message:
    case Target::Subject:
    case Target::Trailers:
        return Tier::Message;
    case Target::Name:
    case Target::CommitterName:
        return Tier::Name;
    case Target::Branch:
        return Tier::Branch;
    }
    return Tier::Branch;
}

QString AiRuleSet::fieldName(Target target)
{
    switch (target) {
    case Target::Author:
        return QStringLiteral("author");
    case Target::Committer:
        return QStringLiteral("committer");
    case Target::Identity:
        return QStringLiteral("identity");
    case Target::Name:
        return QStringLiteral("name");
    case Target::CommitterName:
        return QStringLiteral("committer_name");
    case Target::Message:
        return QStringLiteral("message");
    case Target::Subject:
        return QStringLiteral("subject");
    case Target::Trailers:
        return QStringLiteral("trailers");
    case Target::Branch:
        return QStringLiteral("branch");
    }
    return {};
}

void AiRuleSet::rebuildProbes()
{
    m_probes.clear();
    for (size_t i = 0; i < m_rules.size(); ++i) {
        Rule& rule = m_rules[i];
        rule.requiredIndex = -1;
        if (!rule.required.isEmpty()) {
            const int r = indexOf(rule.required);
            if (r >= 0 && m_rules[size_t(r)].enabled)
                rule.requiredIndex = r;
        }
        if (!rule.enabled)
            continue;
        for (const Target t : rule.targets) {
            const Tier tier = rule.tier.value_or(tierOf(t));
            if (t == Target::Identity) {
                m_probes.push_back({ int(i), Target::Author, tier });
                m_probes.push_back({ int(i), Target::Committer, tier });
            } else {
                m_probes.push_back({ int(i), t, tier });
            }
        }
    }
    std::stable_sort(m_probes.begin(), m_probes.end(),
                     [](const Probe& a, const Probe& b) { return int(a.tier) < int(b.tier); });

    auto prefilter = std::make_shared<Prefilter>();
    prefilter->conditions.assign(m_rules.size(), {});
    std::vector<std::optional<std::optional<std::vector<detail::LiteralBranch>>>> scanned(m_rules.size());
    for (const Probe& p : m_probes) {
        auto& branches = scanned[size_t(p.rule)];
        if (!branches)
            branches = detail::literalBranches(m_rules[size_t(p.rule)].pattern.pattern());
        if (!*branches)
            continue;
        detail::LiteralMatcher& matcher = prefilter->matchers[size_t(p.field)];
        Prefilter::Condition condition;
        bool fits = true;
        for (const detail::LiteralBranch& branch : **branches) {
            std::vector<quint64> masks;
            for (const QStringList& requirement : branch) {
                quint64 bits = 0;
                for (const QString& literal : requirement) {
                    const std::optional<int> bit = matcher.add(literal);
                    fits = fits && bit.has_value();
                    bits |= bit ? quint64(1) << *bit : 0;
                }
                masks.push_back(bits);
            }
            condition.push_back(std::move(masks));
        }
        if (fits)
            prefilter->conditions[size_t(p.rule)][size_t(p.field)] = std::move(condition);
    }
    for (detail::LiteralMatcher& m : prefilter->matchers)
        m.build();
    m_prefilter = std::move(prefilter);
}

bool AiRuleSet::mayMatch(int rule, Target field, Views& views) const
{
    const Prefilter::Condition& condition = m_prefilter->conditions[size_t(rule)][size_t(field)];
    if (condition.empty())
        return true;
    std::optional<quint64>& found = views.literalsFound[size_t(field)];
    if (!found) {
        found = 0;
        const auto [values, count] = views.values(field);
        for (qsizetype v = 0; v < count; ++v)
            *found |= m_prefilter->matchers[size_t(field)].scan(values[v]);
    }
    return std::any_of(condition.begin(), condition.end(), [&](const std::vector<quint64>& masks) {
        return std::all_of(masks.begin(), masks.end(), [&](quint64 bits) { return (*found & bits) != 0; });
    });
}

int AiRuleSet::size() const
{
    return int(std::count_if(m_rules.begin(), m_rules.end(), [](const Rule& r) { return r.enabled; }));
}

QStringList AiRuleSet::ruleIds() const
{
    QStringList ids;
    for (const Rule& r : m_rules) {
        if (r.enabled)
            ids.append(r.id);
    }
    return ids;
}

// ---------------------------------------------------------------------------------------------
// Matching

std::optional<AiMatch> AiRuleSet::runProbe(const Probe& probe, Views& views) const
{
    if (!mayMatch(probe.rule, probe.field, views))
        return std::nullopt;
    const Rule& rule = m_rules[size_t(probe.rule)];
    const auto [values, count] = views.values(probe.field);

    auto accept = [&](const QString& text) {
        QString tool = rule.tool;
        for (const auto& [re, mapped] : rule.toolMap) {
            if (re.match(text).hasMatch()) {
                tool = mapped;
                break;
            }
        }
        return AiMatch { tool, rule.id, fieldName(probe.field), text };
    };

    for (qsizetype v = 0; v < count; ++v) {
        const QString& value = values[v];
        if (value.isEmpty())
            continue;
        if (rule.excludes.empty()) {
            const QRegularExpressionMatch m = rule.pattern.match(value);
            if (m.hasMatch())
                return accept(m.captured(0));
            continue;
        }
        QRegularExpressionMatchIterator it = rule.pattern.globalMatch(value);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            const qsizetype at = m.capturedStart(0);
            const qsizetype lineStart = value.lastIndexOf(QLatin1Char('\n'), at - 1) + 1;
            qsizetype lineEnd = value.indexOf(QLatin1Char('\n'), at);
            if (lineEnd < 0)
                lineEnd = value.size();
            const QString line = value.mid(lineStart, lineEnd - lineStart);
            const bool vetoed
                = std::any_of(rule.excludes.begin(), rule.excludes.end(),
                              [&](const QRegularExpression& ex) { return ex.match(line).hasMatch(); });
            if (!vetoed)
                return accept(m.captured(0));
        }
    }
    return std::nullopt;
}

bool AiRuleSet::ruleMatches(int ruleIndex, Views& views) const
{
    for (const Probe& p : m_probes) {
        if (p.rule == ruleIndex && runProbe(p, views))
            return true;
    }
    return false;
}

std::optional<AiMatch> AiRuleSet::classify(const CommitFacts& facts) const
{
    Views views(facts);
    for (const Probe& probe : m_probes) {
        const Rule& rule = m_rules[size_t(probe.rule)];
        if (!rule.required.isEmpty() && rule.requiredIndex < 0)
            continue;
        std::optional<AiMatch> match = runProbe(probe, views);
        if (!match)
            continue;
        if (rule.requiredIndex >= 0 && !ruleMatches(rule.requiredIndex, views))
            continue;
        return match;
    }
    return std::nullopt;
}

std::vector<AiMatch> AiRuleSet::explain(const CommitFacts& facts) const
{
    Views views(facts);
    std::vector<std::pair<int, AiMatch>> found;
    QSet<int> matchedRules;
    for (const Probe& probe : m_probes) {
        // One entry per rule: its first hit in precedence order (author before committer, …).
        if (matchedRules.contains(probe.rule))
            continue;
        if (std::optional<AiMatch> match = runProbe(probe, views)) {
            found.emplace_back(probe.rule, std::move(*match));
            matchedRules.insert(probe.rule);
        }
    }
    std::vector<AiMatch> out;
    for (auto& [ruleIndex, match] : found) {
        const Rule& rule = m_rules[size_t(ruleIndex)];
        if (!rule.required.isEmpty() && !matchedRules.contains(rule.requiredIndex))
            continue;
        out.push_back(std::move(match));
    }
    return out;
}

} // namespace faultline::importers::git
