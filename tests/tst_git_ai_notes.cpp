#include <QTest>

class TestStub : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void placeholder() { }
};

QTEST_GUILESS_MAIN(TestStub)
#include "tst_git_ai_notes.moc"
