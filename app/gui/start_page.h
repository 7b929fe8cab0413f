#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace faultline::gui {

// The empty state shown while no workspace is open: what Faultline does, how to start, and the
// recent workspaces. It only asks; MainWindow decides what happens.
class StartPage : public QWidget
{
    Q_OBJECT

public:
    explicit StartPage(QWidget* parent = nullptr);

    // Most recent first; an empty list shows a short note instead of an empty box.
    void setRecentWorkspaces(const QStringList& paths);

Q_SIGNALS:
    void newRequested();
    void openRequested();
    void openRecentRequested(const QString& path);

private:
    void activateRecent(QListWidgetItem* item);

    QPushButton* m_newButton = nullptr;
    QPushButton* m_openButton = nullptr;
    QLabel* m_recentTitle = nullptr;
    QLabel* m_noRecent = nullptr;
    QListWidget* m_recentList = nullptr;
};

} // namespace faultline::gui
