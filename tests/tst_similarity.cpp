#include "git/similarity.h"

#include <QTest>

using namespace faultline::importers::git;

// Expected percentages are what `git show -M<threshold> --name-status` printed for the same two
// contents (git 2.39): R028 and R084. git truncates score * 100 / 60000.
class TestSimilarity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesGitScores_data();
    void matchesGitScores();
    void identicalContentScoresFull();
};

void TestSimilarity::matchesGitScores_data()
{
    QTest::addColumn<QByteArray>("src");
    QTest::addColumn<QByteArray>("dst");
    QTest::addColumn<int>("threshold"); // git's -M value in percent
    QTest::addColumn<int>("percent"); // 0: git does not pair them
    const QByteArray a = "line 33 2\nfoo();\n}\nline 15 9\nline 1 9\nline 17 6\nline 28 9\ngamma\n";
    const QByteArray a2 = "line 33 2\n}\n}\ngamma\n";
    const QByteArray b = "alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\neta\ntheta\niota\nkappa\r\n";
    const QByteArray b2 = "alpha\nbeta\ngamma\ndelta\nEPSILON\nzeta\neta\ntheta\niota\nkappa\n";
    QTest::addRow("shrunk file, -M10%%: R028") << a << a2 << 10 << 28;
    QTest::addRow("shrunk file, default 50%%: sizes too far apart") << a << a2 << 50 << 0;
    QTest::addRow("one line edited, CRLF ignored: R084") << b << b2 << 50 << 84;
}

void TestSimilarity::matchesGitScores()
{
    QFETCH(QByteArray, src);
    QFETCH(QByteArray, dst);
    QFETCH(int, threshold);
    QFETCH(int, percent);
    const SpanHash s(std::string_view(src.constData(), size_t(src.size())), true);
    const SpanHash d(std::string_view(dst.constData(), size_t(dst.size())), true);
    const int score = similarityScore(s, d, threshold * kMaxSimilarityScore / 100);
    QCOMPARE(score * 100 / kMaxSimilarityScore, percent);
}

void TestSimilarity::identicalContentScoresFull()
{
    const std::string text = "int main()\n{\n    return 0;\n}\n";
    const SpanHash h(text, true);
    QCOMPARE(similarityScore(h, h), kMaxSimilarityScore);
    QCOMPARE(similarityScore(SpanHash(), SpanHash()), 0);
}

QTEST_GUILESS_MAIN(TestSimilarity)
#include "tst_similarity.moc"
