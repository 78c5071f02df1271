#pragma once
// Creates or edits one alert rule: its kind, target, threshold and clear threshold, the
// "for at least" duration and severity, each field checked beside itself as it is typed.

#include "alerts/alert_rule.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;

namespace kafkascope {

class FieldMessage;

class RuleDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RuleDialog(const AlertRule &rule, QWidget *parent = nullptr);
    AlertRule rule() const { return m_rule; } // valid after accept()

private:
    void kindChanged();
    // Reads every field into a rule and shows what is wrong; true when it can be saved.
    bool validate(AlertRule *out);
    void submit();

    AlertRule m_rule;
    QComboBox *m_kind;
    QLineEdit *m_name;
    QLineEdit *m_target;
    QLineEdit *m_key;
    QLineEdit *m_topic;
    QLineEdit *m_threshold;
    QLineEdit *m_clear;
    QCheckBox *m_below;
    QLineEdit *m_for;
    QComboBox *m_severity;
    QCheckBox *m_enabled;
    QHash<QString, FieldMessage *> m_messages; // by RuleField::field
    QHash<QString, QWidget *> m_rows;          // rows hidden for kinds without them
    QPushButton *m_ok;
};

} // namespace kafkascope
