// JUnit XML test reports (FORMATS.md §5): Maven Surefire (bare <testsuite> root, re-run extras),
// pytest, jest-junit, go-junit-report, nested suites (PHPUnit, bun, Bazel) and a <testsuite> root
// with child suites. One row per test case in test_cases.
//
// Decisions:
//  - Suite = the names of the enclosing <testsuite>s joined with "/" (a <testsuites> root adds
//    nothing; a suite without a name adds nothing). The innermost name alone repeats across a
//    report (bun's describe blocks, PHPUnit data-provider suites) and would make distinct tests
//    collide on the (report, suite, classname, name) key.
//  - Outcome = the worst child: failure → failed, error → error, flakyFailure/flakyError → flaky
//    (passed on a re-run), skipped → skipped, none → passed. Surefire's rerunFailure/rerunError
//    (failed again on every re-run) keep the test failed/error. The re-run count goes into the
//    message: "(passed on run 3 after 2 failed runs)", "(failed all 4 runs)".
//  - A test identity twice in one report keeps the worst outcome, ranked failed > error > flaky >
//    passed > skipped (a skipped entry says least about the test), with a warning. pytest writes a
//    test twice when its teardown errors after the call failed: the failure is the test's verdict.
//  - time: decimal seconds (a locale comma is accepted); an empty value is "not measured"; anything
//    else is an error naming the line. Suite timestamps without a zone are in --zone; test cases
//    inherit the nearest suite's (or the <testsuites> root's) timestamp as started_at.
//  - The run and commit are --run / --commit; without them a file named job_<id>.xml (saved per job,
//    as job logs are) takes the run and head commit of that job, so that a failed attempt and a
//    passing re-run of one test make a flaky result.
//  - DTDs that declare entities are refused before anything is expanded (billion laughs); the
//    reader never fetches external entities.
#include "ci/ci_importers.h"
#include "ci/junit_text_splitter.h"
#include "common/import_error.h"
#include "common/time_order.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <array>
#include <optional>
#include <vector>

namespace faultline::importers::ci {

namespace {

constexpr int kMessageChars = 500;
constexpr int kTextScanChars = 4 * kMessageChars; // text read to find a failure's first line
constexpr qint64 kProgressTokens = 4096; // a test case is 3–10 tokens: progress every few hundred
constexpr qint64 kHeadBytes = 1024;

// Ranks: a higher value is the worse outcome and wins.
enum class Outcome
{
    Skipped = 1,
    Passed,
    Flaky,
    Error,
    Failed
};

constexpr std::array<QLatin1StringView, 6> kOutcomeNames {
    QLatin1StringView(),        QLatin1StringView("skipped"), QLatin1StringView("passed"),
    QLatin1StringView("flaky"), QLatin1StringView("error"),   QLatin1StringView("failed"),
};

QString outcomeName(Outcome outcome)
{
    return QString(kOutcomeNames[size_t(outcome)]);
}

int outcomeRank(const QString& name)
{
    for (size_t i = 1; i < kOutcomeNames.size(); ++i) {
        if (name == kOutcomeNames[i])
            return int(i);
    }
    return 0;
}

// The outcome a child element of <testcase> stands for, and whether it is a Surefire re-run.
struct ResultElement
{
    Outcome outcome;
    bool rerun = false;
};

std::optional<ResultElement> resultElement(QStringView name)
{
    if (name == u"failure")
        return ResultElement { Outcome::Failed };
    if (name == u"error")
        return ResultElement { Outcome::Error };
    if (name == u"skipped")
        return ResultElement { Outcome::Skipped };
    if (name == u"flakyFailure" || name == u"flakyError")
        return ResultElement { Outcome::Flaky };
    if (name == u"rerunFailure")
        return ResultElement { Outcome::Failed, true };
    if (name == u"rerunError")
        return ResultElement { Outcome::Error, true };
    return std::nullopt;
}

// At most kMessageChars characters, cut on a character boundary, with an ellipsis when cut.
QString clip(QString text)
{
    text = text.trimmed();
    if (text.size() <= kMessageChars)
        return text;
    qsizetype cut = kMessageChars - 1;
    if (text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut) + QChar(0x2026);
}

QString firstLine(const QString& text)
{
    for (QStringView line : QStringView(text).split(u'\n')) {
        line = line.trimmed();
        if (!line.isEmpty())
            return clip(line.toString());
    }
    return {};
}

struct Suite
{
    QString path;
    std::optional<std::int64_t> startedAt;
};

class JUnitReader
{
public:
    JUnitReader(const CiFile& file, CiContext& ctx)
        : m_file(file)
        , m_ctx(ctx)
        , m_device(file.path)
    { }

    void run();

private:
    [[noreturn]] void fail(qint64 line, const QString& what) const
    {
        throw ImportError(QStringLiteral("%1:%2: %3").arg(m_file.path, QString::number(line), what));
    }
    [[noreturn]] void failXml() const;
    std::optional<std::int64_t> testDuration(const QString& test, QStringView time, qint64 line);
    bool checkHead();
    void readNext();
    void rejectEntityDeclarations();
    void startSuite();
    void readTestCase();
    std::optional<std::int64_t> timestamp(const QXmlStreamAttributes& attrs, const QString& element) const;
    void write(store::CiTestCase& test, Outcome outcome, qint64 line);

    const CiFile& m_file;
    CiContext& m_ctx;
    QFile m_device;
    std::optional<XmlTextSplitter> m_splitter;
    QXmlStreamReader m_xml;
    qint64 m_tokens = 0;
    qint64 m_tokenLine = 1; // where the current token starts: where the previous one ended
    bool m_rootSeen = false;
    std::optional<std::int64_t> m_rootStartedAt;
    std::vector<Suite> m_suites;
    QString m_reportKey;
    std::optional<std::int64_t> m_runId;
    QString m_commitSha; // --commit, else the head of the run a job-named file belongs to
    std::int64_t m_idsBefore = 0; // test_cases ids above this were written by this report
};

// Checks what the reader cannot tell well: an empty file, UTF-16/32 text, and whether the
// declared encoding is UTF-8 (then the splitter validates it). Returns whether to check UTF-8.
bool JUnitReader::checkHead()
{
    const QByteArray head = m_device.peek(kHeadBytes);
    if (head.trimmed().isEmpty() && m_device.size() <= head.size())
        throw ImportError(
            QStringLiteral("%1: the file is empty; expected a JUnit XML report").arg(m_file.path));
    if (head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF") || head.left(4).contains('\0'))
        fail(1,
             QStringLiteral(
                 "the file is UTF-16 or UTF-32 encoded; expected UTF-8 (re-export it, or convert it with "
                 "iconv -t UTF-8)"));
    static const QRegularExpression declaration(
        QStringLiteral(R"(^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["'])"));
    const auto match
        = declaration.match(QString::fromLatin1(head.startsWith("\xEF\xBB\xBF") ? head.mid(3) : head));
    if (!match.hasMatch())
        return true;
    const QString encoding = match.captured(1).toLower();
    return encoding == u"utf-8" || encoding == u"utf8";
}

void JUnitReader::failXml() const
{
    if (const auto& bad = m_splitter->encodingError(); bad && bad->byte == 0) {
        throw ImportError(
            QStringLiteral("%1:%2:%3: a NUL byte, which XML does not allow; expected a JUnit XML report")
                .arg(m_file.path, QString::number(bad->line), QString::number(bad->column)));
    }
    if (const auto& bad = m_splitter->encodingError()) {
        throw ImportError(
            QStringLiteral("%1:%2:%3: invalid UTF-8 (byte 0x%4); expected a UTF-8 encoded JUnit XML report")
                .arg(m_file.path, QString::number(bad->line), QString::number(bad->column),
                     QString::number(bad->byte, 16).rightJustified(2, QLatin1Char('0'))));
    }
    if (!m_splitter->readError().isEmpty())
        throw ImportError(QStringLiteral("%1: cannot read: %2").arg(m_file.path, m_splitter->readError()));
    QString error = m_xml.errorString();
    if (error.endsWith(u'.'))
        error.chop(1);
    if (!m_rootSeen && m_xml.error() == QXmlStreamReader::PrematureEndOfDocumentError)
        error = QStringLiteral("the document ends before its root element");
    throw ImportError(QStringLiteral("%1:%2:%3: %4; expected a JUnit XML report")
                          .arg(m_file.path, QString::number(m_xml.lineNumber()),
                               QString::number(m_xml.columnNumber()), error));
}

void JUnitReader::readNext()
{
    m_tokenLine = m_xml.lineNumber();
    m_xml.readNext();
    if (m_xml.hasError())
        failXml();
    if (++m_tokens % kProgressTokens == 0)
        m_ctx.progress(m_splitter->sourcePos());
}

// The reader expands internal entities (up to a limit), so a DTD that declares any is refused
// before the content that would use them is read. JUnit writers never declare entities.
void JUnitReader::rejectEntityDeclarations()
{
    const QString dtd = m_xml.text().toString();
    const qsizetype at = dtd.indexOf(u"<!ENTITY");
    if (m_xml.entityDeclarations().isEmpty() && at < 0)
        return;
    // The token ends at the end of the DTD: count back to the first declaration.
    const qint64 line = m_xml.lineNumber() - (at >= 0 ? QStringView(dtd).mid(at).count(u'\n') : 0);
    fail(line, QStringLiteral("DTD entity declarations are not accepted (a JUnit XML report needs none)"));
}

// A test case's time="…" in seconds. A negative one (the host clock set back during the test) gives
// no duration and a warning within the clock-skew tolerance and is refused beyond it.
std::optional<std::int64_t> JUnitReader::testDuration(const QString& test, QStringView time, qint64 line)
{
    const bool negative = time.startsWith(QLatin1Char('-'));
    const auto ms = parseSecondsToMs((negative ? time.mid(1) : time).toUtf8().toStdString());
    const QString where = QStringLiteral("<testcase name=\"%1\">").arg(test);
    if (!ms)
        fail(line, QStringLiteral("%1 time=\"%2\": expected seconds such as 1.5").arg(where, time));
    if (!negative || *ms == 0)
        return ms;
    const TimeOrder order = TimeOrder::duration(QStringLiteral("time"), -*ms, time.toString());
    if (order.refused())
        fail(line, where + QLatin1Char(' ') + order.problem());
    m_ctx.warn(QStringLiteral("inconsistent"), m_file.path, line, test,
               order.problem() + QStringLiteral("; no duration recorded"));
    return std::nullopt;
}

std::optional<std::int64_t> JUnitReader::timestamp(const QXmlStreamAttributes& attrs,
                                                   const QString& element) const
{
    const QString raw = attrs.value(QLatin1String("timestamp")).trimmed().toString();
    if (raw.isEmpty())
        return std::nullopt;
    if (auto ms = m_ctx.time().parse(raw))
        return ms;
    fail(m_tokenLine,
         QStringLiteral("%1 timestamp=\"%2\": expected an ISO 8601 date and time").arg(element, raw));
}

void JUnitReader::startSuite()
{
    const QXmlStreamAttributes attrs = m_xml.attributes();
    const QString name = attrs.value(QLatin1String("name")).toString();
    const Suite parent = m_suites.empty() ? Suite { QString(), m_rootStartedAt } : m_suites.back();
    Suite suite;
    suite.path = name.isEmpty() ? parent.path
        : parent.path.isEmpty() ? name
                                : QString(parent.path + u'/' + name);
    suite.startedAt = timestamp(attrs, QStringLiteral("<testsuite name=\"%1\">").arg(name));
    if (!suite.startedAt)
        suite.startedAt = parent.startedAt;
    m_suites.push_back(std::move(suite));
}

void JUnitReader::readTestCase()
{
    const qint64 line = m_tokenLine;
    const QXmlStreamAttributes attrs = m_xml.attributes();
    store::CiTestCase test;
    if (!attrs.hasAttribute(QLatin1String("name")))
        fail(line, QStringLiteral("<testcase> without a name attribute; every test case needs one"));
    test.name = attrs.value(QLatin1String("name")).toString();
    if (test.name.trimmed().isEmpty())
        fail(line, QStringLiteral("<testcase> with an empty name; every test case needs one"));
    test.classname = attrs.hasAttribute(QLatin1String("classname"))
        ? attrs.value(QLatin1String("classname")).toString()
        : attrs.value(QLatin1String("class")).toString();
    test.file = attrs.value(QLatin1String("file")).toString();
    if (!m_suites.empty()) {
        test.suite = m_suites.back().path;
        test.startedAt = m_suites.back().startedAt;
    } else {
        test.startedAt = m_rootStartedAt;
    }
    const QStringView time = attrs.value(QLatin1String("time")).trimmed();
    if (!time.isEmpty())
        test.durationMs = testDuration(test.name, time, line);

    std::optional<Outcome> worst; // of the result elements; none: passed
    std::array<std::optional<QString>, kOutcomeNames.size()> messages; // first message per outcome
    int flakyRuns = 0;
    int reruns = 0;
    int depth = 0; // below <testcase>
    // Index of the outcome whose first element's text is being read, or -1 (an int rather than an
    // optional enum: GCC 12 warns falsely about the optional's storage).
    int collecting = -1;
    int quietDepth = 0; // > 0 inside <system-out>/<system-err> of a result element
    QString text;
    for (;;) {
        readNext();
        switch (m_xml.tokenType()) {
        case QXmlStreamReader::StartElement:
            ++depth;
            if (depth == 1) {
                const auto result = resultElement(m_xml.name());
                if (!result)
                    break;
                worst = std::max(worst.value_or(result->outcome), result->outcome);
                flakyRuns += result->outcome == Outcome::Flaky;
                reruns += result->rerun;
                auto& message = messages[size_t(result->outcome)];
                if (message)
                    break;
                message = clip(m_xml.attributes().value(QLatin1String("message")).toString());
                if (message->isEmpty()) {
                    collecting = int(result->outcome);
                    text.clear();
                }
            } else if (quietDepth > 0 || m_xml.name() == u"system-out" || m_xml.name() == u"system-err") {
                ++quietDepth;
            }
            break;
        case QXmlStreamReader::Characters:
            if (collecting >= 0 && quietDepth == 0 && text.size() < kTextScanChars)
                text += m_xml.text();
            break;
        case QXmlStreamReader::EndElement:
            if (depth == 0) {
                const Outcome outcome = worst.value_or(Outcome::Passed);
                if (outcome == Outcome::Flaky)
                    test.message = QStringLiteral("%1 (passed on run %2 after %3 failed %4)")
                                       .arg(messages[size_t(Outcome::Flaky)].value_or(QString()),
                                            QString::number(flakyRuns + 1), QString::number(flakyRuns),
                                            flakyRuns == 1 ? QStringLiteral("run") : QStringLiteral("runs"))
                                       .trimmed();
                else
                    test.message = messages[size_t(outcome)].value_or(QString());
                if (reruns > 0 && (outcome == Outcome::Failed || outcome == Outcome::Error))
                    test.message
                        = QString(test.message + QStringLiteral(" (failed all %1 runs)").arg(reruns + 1))
                              .trimmed();
                write(test, outcome, line);
                return;
            }
            if (quietDepth > 0)
                --quietDepth;
            if (depth == 1 && collecting >= 0) {
                messages[size_t(collecting)] = firstLine(text);
                collecting = -1;
            }
            --depth;
            break;
        default:
            break;
        }
    }
}

void JUnitReader::write(store::CiTestCase& test, Outcome outcome, qint64 line)
{
    test.reportKey = m_reportKey;
    test.runId = m_runId;
    test.commitSha = m_commitSha;
    test.outcome = outcomeName(outcome);
    auto& writer = m_ctx.writer();
    if (const auto stored = writer.findTestCase(test.reportKey, test.suite, test.classname, test.name)) {
        // A row of this report from an earlier import has an id at or below m_idsBefore; its
        // content is the same, and keeping the worse outcome gives the same row again.
        if (stored->id > m_idsBefore) {
            m_ctx.warn(QStringLiteral("duplicate-test"), m_file.path, line,
                       QStringLiteral("%1 › %2 › %3").arg(test.suite, test.classname, test.name),
                       QStringLiteral(
                           "the report holds this test more than once (%1, then %2); kept the worse outcome "
                           "(failed > error > flaky > passed > skipped)")
                           .arg(stored->outcome, test.outcome));
        }
        if (outcomeRank(test.outcome) < outcomeRank(stored->outcome))
            return;
    }
    writer.upsertTestCase(test);
}

void JUnitReader::run()
{
    if (!m_device.open(QIODevice::ReadOnly))
        throw ImportError(QStringLiteral("%1: cannot read: %2").arg(m_file.path, m_device.errorString()));
    m_splitter.emplace(m_device, checkHead());
    m_xml.setDevice(&*m_splitter);

    // CiImporter waits for a JUnit file's hash before importing it: the hash keys its results.
    Q_ASSERT(!m_ctx.batch().source().sha256.isEmpty());
    m_reportKey = QString::fromLatin1(m_ctx.batch().source().sha256);
    m_idsBefore = m_ctx.writer().maxTestCaseId();
    m_commitSha = m_ctx.options().commitSha;
    if (const QString& run = m_ctx.options().runId; !run.isEmpty()) {
        m_runId = m_ctx.writer().findRunByExternalId(run);
        if (!m_runId)
            m_ctx.warn(
                QStringLiteral("unknown-run"), m_file.path, 0, QStringLiteral("--run"),
                QStringLiteral("run %1 is not in the workspace; the test results are stored without a run")
                    .arg(run));
    } else if (m_commitSha.isEmpty()) {
        // A report saved per job (job_<id>.xml, as job logs are) belongs to that job's run and commit,
        // which is what ties a failed attempt and a passing re-run into a flaky result.
        static const QRegularExpression jobFile(QStringLiteral(R"(^job_(\d+)\.xml$)"),
                                                QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch m = jobFile.match(QFileInfo(m_file.path).fileName());
        if (m.hasMatch())
            if (const auto job = m_ctx.writer().findJobByExternalId(m.captured(1))) {
                m_runId = job->runId;
                m_commitSha = m_ctx.writer().runHeadSha(job->runId);
            }
    }

    while (!m_xml.atEnd()) {
        readNext();
        switch (m_xml.tokenType()) {
        case QXmlStreamReader::DTD:
            rejectEntityDeclarations();
            break;
        case QXmlStreamReader::StartElement:
            if (!m_rootSeen) {
                m_rootSeen = true;
                if (m_xml.name() == u"testsuites") {
                    m_rootStartedAt = timestamp(m_xml.attributes(), QStringLiteral("<testsuites>"));
                    break;
                }
                // The prolog reports no whitespace tokens: the line where the tag ends.
                if (m_xml.name() != u"testsuite")
                    fail(m_xml.lineNumber(),
                         QStringLiteral("the root element is <%1>; expected <testsuites> or <testsuite> (a "
                                        "JUnit XML report)")
                             .arg(m_xml.qualifiedName()));
            }
            if (m_xml.name() == u"testsuite")
                startSuite();
            else if (m_xml.name() == u"testcase")
                readTestCase();
            break;
        case QXmlStreamReader::EndElement:
            if (m_xml.name() == u"testsuite" && !m_suites.empty())
                m_suites.pop_back();
            break;
        default:
            break;
        }
    }
    // Bad bytes after the root element end the document early without a reader error.
    if (m_splitter->encodingError())
        failXml();
    m_ctx.progress(m_splitter->sourcePos());
}

} // namespace

void importJUnitXml(const CiFile& file, CiContext& ctx)
{
    JUnitReader(file, ctx).run();
}

} // namespace faultline::importers::ci
