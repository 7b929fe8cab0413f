#pragma once

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace faultline::gui {

// The status bar's import progress: what is being imported, how much of it (count), the estimated
// time left and a Cancel button. Hidden while no import runs.
class ImportProgressWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ImportProgressWidget(QWidget* parent = nullptr);

    void begin(int inputs);
    void setProgress(int step, int steps, const QString& what, qint64 done, qint64 total,
                     const QString& unit);
    void end();
    QString text() const;
    QToolButton* cancelButton() const { return m_cancel; }

    // "about 12 s left" from the elapsed time and the fraction done; empty while too early to tell.
    static QString etaText(qint64 elapsedMs, double fraction);

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel* m_label = nullptr;
    QProgressBar* m_bar = nullptr;
    QToolButton* m_cancel = nullptr;
    QElapsedTimer m_elapsed;
};

} // namespace faultline::gui
