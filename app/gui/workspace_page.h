#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace faultline::store {
class Workspace;
}

namespace faultline::gui {

class ImportHistoryModel;

// What an open workspace holds so far: its file, schema version and the imports it has seen.
// The page reads through store::importHistory(); it holds no SQL of its own.
class WorkspacePage : public QWidget
{
    Q_OBJECT

public:
    explicit WorkspacePage(QWidget* parent = nullptr);
    ~WorkspacePage() override;

    // Shows workspace (not owned; nullptr clears the page) and reads its import history.
    // Throws store::StoreError when the history cannot be read.
    void setWorkspace(store::Workspace* workspace);
    // Re-reads the import history, e.g. after `faultline import` ran in a terminal.
    void reload();

    ImportHistoryModel* importHistoryModel() const { return m_model; }

Q_SIGNALS:
    // Reload failed (the page keeps showing what it had); message is complete and user-facing.
    void errorOccurred(const QString& message);

private:
    void updateEmptyState();

    store::Workspace* m_workspace = nullptr;
    ImportHistoryModel* m_model = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_path = nullptr;
    QLabel* m_schema = nullptr;
    QPushButton* m_reloadButton = nullptr;
    QStackedWidget* m_historyStack = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_empty = nullptr;
};

} // namespace faultline::gui
