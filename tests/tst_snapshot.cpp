#include "gui/views/view_factory.h"
#include "overview_fixture.h"
#include "test_support.h"

#include <QColor>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QImage>
#include <QImageReader>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using faultline::test::runFaultline;
using faultline::test::S;

namespace {

// Distinct colours in a coarse grid of the image: a blank or failed render has one or two.
int distinctColours(const QImage& image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

// The background is the colour of most sampled pixels.
QColor dominantColour(const QImage& image)
{
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); y += 5)
        for (int x = 0; x < image.width(); x += 5)
            ++counts[image.pixel(x, y)];
    QRgb best = 0;
    int most = -1;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (it.value() > most) {
            most = it.value();
            best = it.key();
        }
    return QColor::fromRgb(best);
}

} // namespace

class TestSnapshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void writesEveryViewInBothThemes_data();
    void writesEveryViewInBothThemes();
    void presentationIsHighContrast();
    void emptyWorkspaceShowsEmptyState();
    void usageErrors_data();
    void usageErrors();
    void badWorkspace();

private:
    QTemporaryDir m_dir;
    QString m_workspace;
};

void TestSnapshot::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_workspace = m_dir.filePath(S("snap.faultline"));
    faultline::test::writeOverviewWorkspace(m_workspace);
}

void TestSnapshot::writesEveryViewInBothThemes_data()
{
    QTest::addColumn<QString>("view");
    QTest::addColumn<QString>("theme");
    QTest::addColumn<QSize>("size");
    const QStringList views = faultline::gui::availableViewKeys();
    QVERIFY(!views.isEmpty());
    for (const QString& view : views) {
        QTest::addRow("%s light 1600x900", qPrintable(view)) << view << S("light") << QSize(1600, 900);
        QTest::addRow("%s dark 1600x900", qPrintable(view)) << view << S("dark") << QSize(1600, 900);
        QTest::addRow("%s light 1280x720", qPrintable(view)) << view << S("light") << QSize(1280, 720);
    }
}

void TestSnapshot::writesEveryViewInBothThemes()
{
    QFETCH(QString, view);
    QFETCH(QString, theme);
    QFETCH(QSize, size);
    const QString out = m_dir.filePath(QStringLiteral("%1-%2-%3.png").arg(view, theme).arg(size.width()));
    const auto r = runFaultline(
        { S("snapshot"), S("--workspace"), m_workspace, S("--view"), view, S("--out"), out, S("--size"),
          QStringLiteral("%1x%2").arg(size.width()).arg(size.height()), S("--theme"), theme });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(QImageReader(out).format(), QByteArray("png"));
    const QImage image(out);
    QCOMPARE(image.size(), size);
    QVERIFY2(distinctColours(image) > 20, "the render looks blank");
    const int lightness = dominantColour(image).lightness();
    if (theme == QLatin1String("dark"))
        QVERIFY2(lightness < 80, qPrintable(QString::number(lightness)));
    else
        QVERIFY2(lightness > 200, qPrintable(QString::number(lightness)));
}

void TestSnapshot::presentationIsHighContrast()
{
    const QString out = m_dir.filePath(S("present.png"));
    const auto r = runFaultline({ S("snapshot"), S("--workspace"), m_workspace, S("--view"), S("overview"),
                                  S("--out"), out, S("--size"), S("1280x720"), S("--presentation") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QImage image(out);
    QCOMPARE(image.size(), QSize(1280, 720));
    QCOMPARE(dominantColour(image), QColor(Qt::black));
}

void TestSnapshot::emptyWorkspaceShowsEmptyState()
{
    const QString empty = m_dir.filePath(S("empty.faultline"));
    QCOMPARE(runFaultline({ S("init"), empty }).exitCode, 0);
    const QString out = m_dir.filePath(S("empty.png"));
    const auto r = runFaultline({ S("snapshot"), S("--workspace"), empty, S("--view"), S("overview"),
                                  S("--out"), out, S("--size"), S("800x600") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(QImage(out).size(), QSize(800, 600));
}

void TestSnapshot::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString ws = S("any.faultline");
    QTest::addRow("unknown view lists the available ones")
        << QStringList { S("--workspace"), ws, S("--view"), S("nope"), S("--out"), S("x.png") }
        << S("unknown view 'nope'; available views: overview");
    QTest::addRow("no view") << QStringList { S("--workspace"), ws, S("--out"), S("x.png") }
                             << S("available views: overview");
    QTest::addRow("no out") << QStringList { S("--workspace"), ws, S("--view"), S("overview") } << S("--out");
    QTest::addRow("bad size") << QStringList { S("--workspace"), ws,         S("--view"), S("overview"),
                                               S("--out"),       S("x.png"), S("--size"), S("big") }
                              << S("--size expects WxH");
    QTest::addRow("tiny size") << QStringList { S("--workspace"), ws,         S("--view"), S("overview"),
                                                S("--out"),       S("x.png"), S("--size"), S("10x10") }
                               << S("--size expects WxH");
    QTest::addRow("bad theme") << QStringList { S("--workspace"), ws,         S("--view"),  S("overview"),
                                                S("--out"),       S("x.png"), S("--theme"), S("sepia") }
                               << S("unknown --theme 'sepia'");
    QTest::addRow("no workspace") << QStringList { S("--view"), S("overview"), S("--out"), S("x.png") }
                                  << S("--workspace");
}

void TestSnapshot::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const auto r = runFaultline(QStringList { S("snapshot") } + args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestSnapshot::badWorkspace()
{
    const QString garbage = m_dir.filePath(S("garbage.faultline"));
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    for (const QString& ws : { garbage, m_dir.filePath(S("missing.faultline")) }) {
        const QString out = m_dir.filePath(S("never.png"));
        const auto r = runFaultline(
            { S("snapshot"), S("--workspace"), ws, S("--view"), S("overview"), S("--out"), out });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QFileInfo(ws).fileName()), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
    }
}

QTEST_GUILESS_MAIN(TestSnapshot)
#include "tst_snapshot.moc"
