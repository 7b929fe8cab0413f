#include "git/git_ai_notes.h"

#include "common/timestamp_parser.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace faultline::importers::git {

namespace {

// Far beyond any real file; keeps `last + 1` and counts inside int.
constexpr int kMaxLine = 100'000'000;

const QString kUnknownTool = QStringLiteral("unknown");

} // namespace

// ---------------------------------------------------------------------------------------------
// LineSet

void LineSet::add(int first, int last)
{
    Q_ASSERT(first >= 1 && first <= last && last <= kMaxLine);
    // First range that touches or follows [first, last]; everything it overlaps is folded in.
    auto it = std::lower_bound(m_ranges.begin(), m_ranges.end(), first,
                               [](const Range& r, int value) { return r.last + 1 < value; });
    auto end = it;
    while (end != m_ranges.end() && end->first <= last + 1) {
        first = std::min(first, end->first);
        last = std::max(last, end->last);
        ++end;
    }
    it = m_ranges.erase(it, end);
    m_ranges.insert(it, Range { first, last });
}

void LineSet::unite(const LineSet& other)
{
    for (const Range& r : other.m_ranges)
        add(r.first, r.last);
}

void LineSet::subtract(const LineSet& other)
{
    if (m_ranges.empty() || other.m_ranges.empty())
        return;
    const std::vector<Range>& cut = other.m_ranges;
    std::vector<Range> out;
    out.reserve(m_ranges.size());
    size_t j = 0;
    for (const Range& r : m_ranges) {
        int from = r.first;
        while (j < cut.size() && cut[j].last < from)
            ++j;
        for (size_t k = j; k < cut.size() && cut[k].first <= r.last && from <= r.last; ++k) {
            if (cut[k].first > from)
                out.push_back({ from, cut[k].first - 1 });
            from = std::max(from, cut[k].last + 1);
        }
        if (from <= r.last)
            out.push_back({ from, r.last });
    }
    m_ranges = std::move(out);
}

bool LineSet::contains(int line) const
{
    auto it = std::lower_bound(m_ranges.begin(), m_ranges.end(), line,
                               [](const Range& r, int value) { return r.last < value; });
    return it != m_ranges.end() && it->first <= line;
}

int LineSet::count() const
{
    int n = 0;
    for (const Range& r : m_ranges)
        n += r.last - r.first + 1;
    return n;
}

std::vector<int> LineSet::lines() const
{
    std::vector<int> out;
    out.reserve(size_t(count()));
    for (const Range& r : m_ranges) {
        for (int l = r.first; l <= r.last; ++l)
            out.push_back(l);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Results

QStringList GitAiFile::tools() const
{
    QStringList out;
    for (const auto& [tool, lines] : aiLinesByTool) {
        if (!lines.isEmpty())
            out.append(tool);
    }
    return out;
}

const GitAiFile* GitAiNote::file(const QString& path) const
{
    for (const GitAiFile& f : files) {
        if (f.path == path)
            return &f;
    }
    return nullptr;
}

int GitAiNote::aiLineCount(const QString& path) const
{
    const GitAiFile* f = file(path);
    return f ? f->aiLines.count() : 0;
}

int GitAiNote::aiLineCount() const
{
    int n = 0;
    for (const GitAiFile& f : files)
        n += f.aiLines.count();
    return n;
}

QStringList GitAiNote::tools() const
{
    QStringList out;
    for (const GitAiFile& f : files) {
        for (const QString& t : f.tools()) {
            if (!out.contains(t))
                out.append(t);
        }
    }
    out.sort();
    return out;
}

namespace {

// Builds one file's attribution entry by entry; a later entry takes the lines it names from every
// earlier one (git-ai's blame reads entries last-first), so no line is both AI and human.
class FileBuilder
{
public:
    explicit FileBuilder(QString path) { m_file.path = std::move(path); }

    void addAi(const QString& tool, const LineSet& lines)
    {
        takeFromOthers(lines);
        m_file.aiLinesByTool[tool].unite(lines);
    }
    void addHuman(const LineSet& lines)
    {
        takeFromOthers(lines);
        m_file.humanLines.unite(lines);
    }

    const QString& path() const { return m_file.path; }

    GitAiFile finish()
    {
        for (auto it = m_file.aiLinesByTool.begin(); it != m_file.aiLinesByTool.end();) {
            if (it->second.isEmpty()) {
                it = m_file.aiLinesByTool.erase(it);
            } else {
                m_file.aiLines.unite(it->second);
                ++it;
            }
        }
        return std::move(m_file);
    }

    bool isEmpty() const
    {
        return m_file.humanLines.isEmpty()
            && std::all_of(m_file.aiLinesByTool.begin(), m_file.aiLinesByTool.end(),
                           [](const auto& entry) { return entry.second.isEmpty(); });
    }

private:
    void takeFromOthers(const LineSet& lines)
    {
        for (auto& [tool, set] : m_file.aiLinesByTool)
            set.subtract(lines);
        m_file.humanLines.subtract(lines);
    }

    GitAiFile m_file;
};

// Collects files in note order, merging a path that appears twice.
class NoteBuilder
{
public:
    FileBuilder& file(const QString& path)
    {
        for (FileBuilder& f : m_files) {
            if (f.path() == path)
                return f;
        }
        return m_files.emplace_back(path);
    }

    std::vector<GitAiFile> finish()
    {
        std::vector<GitAiFile> out;
        for (FileBuilder& f : m_files) {
            if (!f.isEmpty())
                out.push_back(f.finish());
        }
        return out;
    }

private:
    std::vector<FileBuilder> m_files;
};

QString agentTool(const QJsonValue& record)
{
    const QString tool = record.toObject()
                             .value(QLatin1String("agent_id"))
                             .toObject()
                             .value(QLatin1String("tool"))
                             .toString();
    return tool.trimmed().isEmpty() ? kUnknownTool : tool.trimmed();
}

// Parses `1-4,9-10,12`. Returns an error text, or an empty string on success.
QString parseRanges(QByteArrayView text, LineSet& out)
{
    if (text.isEmpty())
        return QStringLiteral("no line ranges");
    auto number = [](QByteArrayView digits, int& value) {
        if (digits.isEmpty() || digits.size() > 9)
            return false;
        value = 0;
        for (char c : digits) {
            if (c < '0' || c > '9')
                return false;
            value = value * 10 + (c - '0');
        }
        return value >= 1 && value <= kMaxLine;
    };
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf(',', start);
        if (end < 0)
            end = text.size();
        const QByteArrayView part = text.sliced(start, end - start);
        start = end + 1;
        // git-ai itself skips empty items (a trailing comma), so they are not an error.
        if (part.isEmpty())
            continue;
        const qsizetype dash = part.indexOf('-');
        int first = 0;
        int last = 0;
        const bool ok = dash < 0 ? number(part, first) && number(part, last)
                                 : number(part.first(dash), first) && number(part.sliced(dash + 1), last);
        if (!ok) {
            return QStringLiteral("bad line range \"%1\" (expected N or N-M with 1 <= N <= M)")
                .arg(QString::fromUtf8(part));
        }
        if (first > last) {
            return QStringLiteral("bad line range \"%1\" (the range ends before it starts)")
                .arg(QString::fromUtf8(part));
        }
        out.add(first, last);
    }
    if (out.isEmpty())
        return QStringLiteral("no line ranges");
    return {};
}

bool isHex(QStringView s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), [](QChar c) {
        return (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
            || (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
    });
}

struct RawEntry
{
    int line;
    QString key;
    LineSet lines;
};

struct RawFile
{
    QString path;
    std::vector<RawEntry> entries;
};

} // namespace

// ---------------------------------------------------------------------------------------------
// authorship/3.x text notes

GitAiNote parseGitAiNote(const QByteArray& text, const QString& commitSha)
{
    auto fail = [&](qsizetype line, const QString& problem) {
        throw ValueError(
            QStringLiteral("note on %1, line %2: %3").arg(commitSha).arg(line).arg(problem).toStdString());
    };
    const QString entryShape
        = QStringLiteral("expected \"  <key> <ranges>\" (an entry indented by exactly two spaces)");

    const QList<QByteArray> lines = text.split('\n');
    std::vector<RawFile> files;
    qsizetype divider = -1;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArrayView line = lines.at(i);
        while (!line.isEmpty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.chop(1);
        const qsizetype lineNo = i + 1;
        if (line == "---") {
            divider = i;
            break;
        }
        if (line.isEmpty())
            continue;
        if (line.front() == ' ' || line.front() == '\t') {
            if (!line.startsWith("  ") || line.size() < 3 || line.at(2) == ' ' || line.at(2) == '\t')
                fail(lineNo, entryShape);
            const QByteArrayView body = line.sliced(2);
            const qsizetype space = body.indexOf(' ');
            if (space <= 0 || body.indexOf('\t') >= 0)
                fail(lineNo, entryShape);
            const QByteArrayView ranges = body.sliced(space + 1);
            if (ranges.indexOf(' ') >= 0)
                fail(lineNo, entryShape);
            if (files.empty())
                fail(lineNo, QStringLiteral("entry before any file path"));
            RawEntry entry { int(lineNo), QString::fromUtf8(body.first(space)), {} };
            if (const QString problem = parseRanges(ranges, entry.lines); !problem.isEmpty())
                fail(lineNo, problem);
            files.back().entries.push_back(std::move(entry));
            continue;
        }
        // A path at column 0; git-ai quotes paths with blanks and never escapes inside the quotes.
        QByteArrayView path = line;
        if (path.front() == '"') {
            if (path.size() < 2 || path.back() != '"')
                fail(lineNo, QStringLiteral("unterminated quoted path"));
            path = path.sliced(1, path.size() - 2);
        }
        if (path.isEmpty())
            fail(lineNo, QStringLiteral("empty file path"));
        files.push_back({ QString::fromUtf8(path), {} });
    }
    if (divider < 0) {
        fail(lines.size(),
             QStringLiteral("missing the \"---\" line between the attestations and the metadata"));
    }

    // Metadata: everything after the divider, reported with the note's own line numbers.
    const qsizetype metadataFirstLine = divider + 2;
    QByteArray metadataText;
    for (qsizetype i = divider + 1; i < lines.size(); ++i) {
        metadataText += lines.at(i);
        metadataText += '\n';
    }
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(metadataText, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const qsizetype offset = std::clamp<qsizetype>(parseError.offset, 0, metadataText.size());
        fail(metadataFirstLine + metadataText.left(offset).count('\n'),
             QLatin1String("metadata is not valid JSON: ") % parseError.errorString());
    }
    if (!doc.isObject())
        fail(metadataFirstLine, QStringLiteral("metadata must be a JSON object"));
    const QJsonObject metadata = doc.object();

    auto requireString = [&](const char* key) {
        const QJsonValue v = metadata.value(QLatin1String(key));
        if (!v.isString())
            fail(metadataFirstLine,
                 QStringLiteral("metadata: \"%1\" must be a string").arg(QLatin1String(key)));
        return v.toString();
    };
    auto optionalObject = [&](const char* key, bool required) {
        const QJsonValue v = metadata.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return QJsonObject();
        if (!v.isObject())
            fail(metadataFirstLine,
                 QStringLiteral("metadata: \"%1\" must be an object").arg(QLatin1String(key)));
        return v.toObject();
    };

    GitAiNote note;
    note.commitSha = commitSha;
    note.format = GitAiNoteFormat::AuthorshipLog;
    note.schemaVersion = requireString("schema_version");
    if (!note.schemaVersion.startsWith(QLatin1String("authorship/")))
        fail(metadataFirstLine,
             QStringLiteral("metadata: unknown schema_version \"%1\"").arg(note.schemaVersion));
    note.baseCommitSha = requireString("base_commit_sha");
    note.gitAiVersion = metadata.value(QLatin1String("git_ai_version")).toString();
    const QJsonObject prompts = optionalObject("prompts", true);
    const QJsonObject sessions = optionalObject("sessions", false);
    const QJsonObject humans = optionalObject("humans", false);
    Q_UNUSED(humans); // a known human is not AI whether or not its record is present

    static const QRegularExpression sessionKey(QStringLiteral("^(s_[0-9a-fA-F]+)(?:::t_[0-9a-fA-F]+)?$"));
    static const QRegularExpression humanKey(QStringLiteral("^h_[0-9a-fA-F]+$"));

    NoteBuilder builder;
    for (const RawFile& raw : files) {
        FileBuilder& file = builder.file(raw.path);
        for (const RawEntry& entry : raw.entries) {
            const QString& key = entry.key;
            if (prompts.contains(key)) {
                file.addAi(agentTool(prompts.value(key)), entry.lines);
            } else if (key.startsWith(QLatin1String("s_"))) {
                const QRegularExpressionMatch m = sessionKey.match(key);
                if (!m.hasMatch())
                    fail(entry.line,
                         QStringLiteral("malformed session key \"%1\" (expected s_<hex>::t_<hex>)").arg(key));
                // A session recorded only in another note is still AI, of an unknown tool.
                const QJsonValue record = sessions.value(m.captured(1));
                file.addAi(record.isObject() ? agentTool(record) : kUnknownTool, entry.lines);
            } else if (key.startsWith(QLatin1String("h_"))) {
                if (!humanKey.match(key).hasMatch())
                    fail(entry.line,
                         QStringLiteral("malformed human key \"%1\" (expected h_<hex>)").arg(key));
                file.addHuman(entry.lines);
            } else if ((key.size() == 16 || key.size() == 7) && isHex(key)) {
                // A legacy prompt hash whose record lives in another note (git-ai looks it up there).
                file.addAi(kUnknownTool, entry.lines);
            } else {
                fail(
                    entry.line,
                    QStringLiteral("unknown key \"%1\": not a session (s_…), a human (h_…) or a prompt hash, "
                                   "and not in the metadata")
                        .arg(key));
            }
        }
    }
    note.files = builder.finish();
    return note;
}

// ---------------------------------------------------------------------------------------------
// Legacy JSON (refs/ai/authorship/<sha>, "authorship/0.0.1")

namespace {

// The legacy format names authors by label: an agent ("Claude", "Cursor") or a person. Without
// agent_metadata the label is all there is, so only these known agent labels count as AI.
QString legacyAgentTool(const QString& label)
{
    static const QHash<QString, QString> labels {
        { QStringLiteral("claude"), QStringLiteral("claude") },
        { QStringLiteral("claude code"), QStringLiteral("claude") },
        { QStringLiteral("claude-code"), QStringLiteral("claude") },
        { QStringLiteral("cursor"), QStringLiteral("cursor") },
        { QStringLiteral("cursor agent"), QStringLiteral("cursor") },
        { QStringLiteral("copilot"), QStringLiteral("github-copilot") },
        { QStringLiteral("github copilot"), QStringLiteral("github-copilot") },
        { QStringLiteral("github-copilot"), QStringLiteral("github-copilot") },
        { QStringLiteral("codex"), QStringLiteral("codex") },
        { QStringLiteral("windsurf"), QStringLiteral("windsurf") },
        { QStringLiteral("gemini"), QStringLiteral("gemini") },
        { QStringLiteral("gemini cli"), QStringLiteral("gemini") },
        { QStringLiteral("aider"), QStringLiteral("aider") },
        { QStringLiteral("devin"), QStringLiteral("devin") },
        { QStringLiteral("amp"), QStringLiteral("amp") },
        { QStringLiteral("cline"), QStringLiteral("cline") },
        { QStringLiteral("continue"), QStringLiteral("continue") },
        { QStringLiteral("opencode"), QStringLiteral("opencode") },
        { QStringLiteral("junie"), QStringLiteral("junie") },
        { QStringLiteral("droid"), QStringLiteral("droid") },
        { QStringLiteral("mock_ai"), QStringLiteral("mock_ai") },
    };
    return labels.value(label.trimmed().toLower());
}

QString jsonKeyPath(const QString& base, const QString& key)
{
    return base % QLatin1String("[\"") % key % QLatin1String("\"]");
}

} // namespace

GitAiNote parseLegacyGitAiNote(const QByteArray& json, const QString& commitSha)
{
    auto fail = [&](const QString& path, const QString& problem) {
        throw ValueError(QStringLiteral("note on %1 (refs/ai/authorship): %2: %3")
                             .arg(commitSha, path, problem)
                             .toStdString());
    };
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const qsizetype offset = std::clamp<qsizetype>(parseError.offset, 0, json.size());
        fail(QStringLiteral("line %1").arg(json.left(offset).count('\n') + 1),
             QLatin1String("not valid JSON: ") % parseError.errorString());
    }
    if (!doc.isObject())
        fail(QStringLiteral("(top level)"), QStringLiteral("expected a JSON object"));
    const QJsonObject root = doc.object();

    GitAiNote note;
    note.commitSha = commitSha;
    note.format = GitAiNoteFormat::LegacyJson;
    const QJsonValue schema = root.value(QLatin1String("schema_version"));
    if (!schema.isString() || !schema.toString().startsWith(QLatin1String("authorship/")))
        fail(QStringLiteral("schema_version"), QStringLiteral("expected \"authorship/<version>\""));
    note.schemaVersion = schema.toString();
    const QJsonValue filesValue = root.value(QLatin1String("files"));
    if (!filesValue.isObject())
        fail(QStringLiteral("files"), QStringLiteral("expected an object of files"));

    NoteBuilder builder;
    const QJsonObject files = filesValue.toObject();
    for (auto fileIt = files.begin(); fileIt != files.end(); ++fileIt) {
        const QString filePath = jsonKeyPath(QStringLiteral("files"), fileIt.key());
        if (!fileIt.value().isObject())
            fail(filePath, QStringLiteral("expected an object"));
        const QJsonValue authorsValue = fileIt.value().toObject().value(QLatin1String("authors"));
        if (!authorsValue.isArray())
            fail(filePath % QLatin1String(".authors"), QStringLiteral("expected an array"));
        FileBuilder& file = builder.file(fileIt.key());
        const QJsonArray authors = authorsValue.toArray();
        for (qsizetype a = 0; a < authors.size(); ++a) {
            const QString authorPath = filePath % QStringLiteral(".authors[%1]").arg(a);
            const QJsonObject author = authors.at(a).toObject();
            const QJsonValue label = author.value(QLatin1String("author"));
            if (!label.isString())
                fail(authorPath % QLatin1String(".author"), QStringLiteral("expected a string"));
            const QJsonValue linesValue = author.value(QLatin1String("lines"));
            if (!linesValue.isArray())
                fail(authorPath % QLatin1String(".lines"), QStringLiteral("expected an array"));

            LineSet lines;
            const QJsonArray items = linesValue.toArray();
            for (qsizetype k = 0; k < items.size(); ++k) {
                const QString itemPath = authorPath % QStringLiteral(".lines[%1]").arg(k);
                auto lineNumber = [&](const QJsonValue& v) {
                    const double d = v.toDouble(-1);
                    if (!v.isDouble() || d < 1 || d > kMaxLine || std::floor(d) != d)
                        fail(itemPath, QStringLiteral("expected a line number or [first, last]"));
                    return int(d);
                };
                const QJsonValue item = items.at(k);
                if (item.isArray() && item.toArray().size() == 2) {
                    const int first = lineNumber(item.toArray().at(0));
                    const int last = lineNumber(item.toArray().at(1));
                    if (first > last)
                        fail(itemPath, QStringLiteral("the range ends before it starts"));
                    lines.add(first, last);
                } else {
                    const int line = lineNumber(item);
                    lines.add(line, line);
                }
            }

            const QJsonValue agent = author.value(QLatin1String("agent_metadata"));
            QString tool;
            if (agent.isObject()) {
                const QJsonObject agentObject = agent.toObject();
                tool = agentObject.value(QLatin1String("tool")).toString();
                if (tool.isEmpty())
                    tool = agentTool(agent);
                if (tool == kUnknownTool) {
                    const QString fromLabel = legacyAgentTool(label.toString());
                    tool = fromLabel.isEmpty() ? kUnknownTool : fromLabel;
                }
            } else {
                tool = legacyAgentTool(label.toString());
            }
            if (tool.isEmpty())
                file.addHuman(lines);
            else
                file.addAi(tool, lines);
        }
    }
    note.files = builder.finish();
    return note;
}

GitAiNote parseAnyGitAiNote(const QByteArray& text, const QString& commitSha)
{
    const QByteArray start = text.left(64).trimmed();
    if (start.startsWith('{'))
        return parseLegacyGitAiNote(text, commitSha);
    return parseGitAiNote(text, commitSha);
}

// ---------------------------------------------------------------------------------------------
// Reader

namespace {

[[noreturn]] void throwGitError(const QString& what)
{
    const git_error* e = git_error_last();
    const QString detail
        = e && e->message ? QString::fromUtf8(e->message) : QStringLiteral("unknown libgit2 error");
    throw ValueError(QString(what % QLatin1String(": ") % detail).toStdString());
}

} // namespace

GitAiNotesReader::GitAiNotesReader(git_repository* repo)
    : m_repo(repo)
{
    git_reference* ref = nullptr;
    if (git_reference_lookup(&ref, m_repo, kNotesRef) == 0) {
        m_hasNotesRef = true;
        git_reference_free(ref);
    }
    git_reference_iterator* it = nullptr;
    const QByteArray glob = QByteArray(kLegacyRefPrefix) + '*';
    if (git_reference_iterator_glob_new(&it, m_repo, glob.constData()) == 0) {
        git_reference* first = nullptr;
        if (git_reference_next(&first, it) == 0) {
            m_hasLegacyRefs = true;
            git_reference_free(first);
        }
        git_reference_iterator_free(it);
    }
}

std::optional<QByteArray> GitAiNotesReader::readNote(const git_oid& commit, const QString& sha) const
{
    git_note* note = nullptr;
    const int rc = git_note_read(&note, m_repo, kNotesRef, &commit);
    if (rc == GIT_ENOTFOUND)
        return std::nullopt;
    if (rc < 0)
        throwGitError(QStringLiteral("note on %1: cannot read %2").arg(sha, QLatin1String(kNotesRef)));
    const char* message = git_note_message(note);
    QByteArray text = message ? QByteArray(message) : QByteArray();
    git_note_free(note);
    return text;
}

std::optional<QByteArray> GitAiNotesReader::readLegacy(const QString& sha) const
{
    const QByteArray refName = QByteArray(kLegacyRefPrefix) + sha.toLatin1();
    git_reference* ref = nullptr;
    const int rc = git_reference_lookup(&ref, m_repo, refName.constData());
    if (rc == GIT_ENOTFOUND)
        return std::nullopt;
    if (rc < 0)
        throwGitError(QStringLiteral("note on %1: cannot read %2").arg(sha, QString::fromLatin1(refName)));
    git_object* object = nullptr;
    const int peeled = git_reference_peel(&object, ref, GIT_OBJECT_BLOB);
    git_reference_free(ref);
    if (peeled < 0)
        throwGitError(
            QStringLiteral("note on %1: %2 does not point at a blob").arg(sha, QString::fromLatin1(refName)));
    const auto* blob = reinterpret_cast<const git_blob*>(object);
    QByteArray text(static_cast<const char*>(git_blob_rawcontent(blob)), qsizetype(git_blob_rawsize(blob)));
    git_object_free(object);
    return text;
}

std::optional<GitAiNote> GitAiNotesReader::noteFor(const git_oid& commit) const
{
    if (!hasAnyNotes())
        return std::nullopt;
    char hex[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(hex, sizeof hex, &commit);
    const QString sha = QString::fromLatin1(hex);

    if (m_hasNotesRef) {
        if (std::optional<QByteArray> text = readNote(commit, sha))
            return parseAnyGitAiNote(*text, sha);
    }
    if (m_hasLegacyRefs) {
        if (std::optional<QByteArray> text = readLegacy(sha))
            return parseAnyGitAiNote(*text, sha);
    }
    return std::nullopt;
}

} // namespace faultline::importers::git
