#pragma once
// What every topic-admin dialog shows the same way: the banner when a cluster cannot serve
// admin requests, and the broker's answer in the result line.

#include <QString>
#include <initializer_list>

class QLabel;
class QPushButton;
class QVBoxLayout;
class QWidget;

namespace kafkascope {

class TopicAdmin;

QLabel *makeAdminNotice(const QString &text);

// A dialog's main layout, opened by the banner when `admin` cannot serve requests; the
// buttons that would send one are then disabled.
QVBoxLayout *startAdminLayout(QWidget *dialog, const TopicAdmin &admin, std::initializer_list<QPushButton *> senders);

// The broker's answer in a dialog's result line: green when it went through, red when refused.
void showAdminOutcome(QLabel *result, const QString &text, bool ok);

} // namespace kafkascope
