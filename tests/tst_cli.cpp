#include "store/schema.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using faultline::test::runFaultline;

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void version();
    void helpListsOnlyWorkingCommands();
    void initCreatesAWorkspace();
    void initRefusesAnExistingFile();
    void initReportsAnUnwritablePath();
    void usageErrors_data();
    void usageErrors();
    void commandHelp();

private:
    QTemporaryDir m_dir;
};

void TestCli::version()
{
    const auto r = runFaultline({ QStringLiteral("--version") });
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.trimmed(), QStringLiteral("faultline " FAULTLINE_VERSION));
}

void TestCli::helpListsOnlyWorkingCommands()
{
    const auto r = runFaultline({ QStringLiteral("--help") });
    QCOMPARE(r.exitCode, 0);
    for (const char* working :
         { "init", "import", "link", "metrics", "export", "report", "blame", "explain", "snapshot", "demo" })
        QVERIFY2(r.out.contains(QLatin1String("  ") + QLatin1String(working) + QLatin1Char(' ')), working);
    QVERIFY(r.out.contains(QLatin1String("Exit codes")));
}

void TestCli::initCreatesAWorkspace()
{
    const QString path = m_dir.filePath(QStringLiteral("team.faultline"));
    const auto r = runFaultline({ QStringLiteral("init"), path });
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(path));
    QVERIFY(r.err.isEmpty());
    auto ws = faultline::store::Workspace::openReadOnly(path);
    QCOMPARE(ws.schemaVersion(), faultline::store::latestSchemaVersion());
}

void TestCli::initRefusesAnExistingFile()
{
    const QString path = m_dir.filePath(QStringLiteral("notes.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("precious");
    f.close();
    const auto r = runFaultline({ QStringLiteral("init"), path });
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1); // one line
    QVERIFY2(r.err.contains(path), qPrintable(r.err));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("precious"));
}

void TestCli::initReportsAnUnwritablePath()
{
    const QString path = m_dir.filePath(QStringLiteral("no/such/dir/team.faultline"));
    const auto r = runFaultline({ QStringLiteral("init"), path });
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    QVERIFY2(r.err.contains(path), qPrintable(r.err));
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addRow("unknown command") << QStringList { QStringLiteral("frobnicate") };
    QTest::addRow("init without a path") << QStringList { QStringLiteral("init") };
    QTest::addRow("init with two paths")
        << QStringList { QStringLiteral("init"), QStringLiteral("a"), QStringLiteral("b") };
    QTest::addRow("unknown option") << QStringList { QStringLiteral("init"), QStringLiteral("--bogus"),
                                                     QStringLiteral("x") };
    QTest::addRow("arguments after --version")
        << QStringList { QStringLiteral("--version"), QStringLiteral("x") };
    QTest::addRow("blame without --workspace")
        << QStringList { QStringLiteral("blame"), QStringLiteral("a.txt") };
    QTest::addRow("import git without --workspace")
        << QStringList { QStringLiteral("import"), QStringLiteral("git"), QStringLiteral(".") };
    QTest::addRow("import of an unknown kind")
        << QStringList { QStringLiteral("import"), QStringLiteral("svn"), QStringLiteral(".") };
    QTest::addRow("import deploys without files")
        << QStringList { QStringLiteral("import"), QStringLiteral("deploys"), QStringLiteral("--workspace"),
                         QStringLiteral("w.faultline") };
    QTest::addRow("import incidents with an unknown format")
        << QStringList { QStringLiteral("import"),      QStringLiteral("incidents"),
                         QStringLiteral("--format"),    QStringLiteral("servicenow"),
                         QStringLiteral("--workspace"), QStringLiteral("w.faultline"),
                         QStringLiteral("x.json") };
    QTest::addRow("import prs with an unknown time zone")
        << QStringList { QStringLiteral("import"),      QStringLiteral("prs"),
                         QStringLiteral("--zone"),      QStringLiteral("Mars/Olympus"),
                         QStringLiteral("--workspace"), QStringLiteral("w.faultline"),
                         QStringLiteral("x.json") };
    QTest::addRow("explain with a non-hex id")
        << QStringList { QStringLiteral("explain"), QStringLiteral("--workspace"),
                         QStringLiteral("w.faultline"), QStringLiteral("xyz!") };
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    const auto r = runFaultline(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!r.err.isEmpty());
    QVERIFY(r.out.isEmpty());
}

void TestCli::commandHelp()
{
    const auto r = runFaultline({ QStringLiteral("init"), QStringLiteral("--help") });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QLatin1String("Usage: faultline init")), qPrintable(r.out));

    // Every import kind answers --help, and `import --help` lists them all.
    const auto kinds = runFaultline({ QStringLiteral("import"), QStringLiteral("--help") });
    QCOMPARE(kinds.exitCode, 0);
    for (const char* kind : { "git", "ci", "deploys", "incidents", "prs" }) {
        QVERIFY2(kinds.out.contains(QStringLiteral("  %1 ").arg(QLatin1String(kind))), qPrintable(kinds.out));
        const auto help
            = runFaultline({ QStringLiteral("import"), QLatin1String(kind), QStringLiteral("--help") });
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains(QStringLiteral("Usage: faultline import %1").arg(QLatin1String(kind))),
                 qPrintable(help.out));
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
