#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace faultline::gui {

// Non-modal error strip at the top of the window: the message stays readable (and selectable)
// while the user carries on; the close button or the next success hides it.
class MessageBar : public QWidget
{
    Q_OBJECT

public:
    explicit MessageBar(QWidget* parent = nullptr);

    void showError(const QString& message);
    QString text() const;

private:
    QLabel* m_icon = nullptr;
    QLabel* m_text = nullptr;
    QToolButton* m_closeButton = nullptr;
};

} // namespace faultline::gui
