#include "alerts/rule_dialog.h"

#include "common/field_message.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>
#include <cmath>

namespace kafkascope {

namespace {
// "1000", "1,000" or "1.5" in the C or the user's locale; NaN when it is not a number.
double parseNumber(const QString &text, bool *ok)
{
    const QString t = text.trimmed();
    double v = QLocale::c().toDouble(QString(t).remove(u','), ok);
    if (!*ok)
        v = QLocale().toDouble(t, ok);
    return *ok ? v : std::nan("");
}

QString numberText(double v)
{
    return std::isnan(v) ? QString() : QString::number(v, 'g', 12);
}
} // namespace

RuleDialog::RuleDialog(const AlertRule &rule, QWidget *parent)
    : QDialog(parent), m_rule(rule), m_kind(new QComboBox), m_name(new QLineEdit),
      m_target(new QLineEdit), m_key(new QLineEdit), m_topic(new QLineEdit), m_threshold(new QLineEdit),
      m_clear(new QLineEdit), m_below(new QCheckBox(tr("Fire when the value is below the threshold"))),
      m_for(new QLineEdit), m_severity(new QComboBox), m_enabled(new QCheckBox(tr("Enabled")))
{
    setObjectName(QStringLiteral("ruleDialog"));
    setWindowTitle(rule.name.isEmpty() ? tr("New alert rule") : tr("Edit alert rule"));
    m_kind->setObjectName(QStringLiteral("kindCombo"));
    for (const RuleKindInfo &k : ruleKinds())
        m_kind->addItem(k.title, int(k.kind));
    m_kind->setCurrentIndex(m_kind->findData(int(rule.kind)));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setText(rule.name);
    m_target->setObjectName(QStringLiteral("targetEdit"));
    m_target->setText(rule.target);
    m_target->setPlaceholderText(tr("empty or * for all; wildcards * and ?"));
    m_key->setObjectName(QStringLiteral("keyEdit"));
    m_key->setText(rule.key);
    m_topic->setObjectName(QStringLiteral("topicEdit"));
    m_topic->setText(rule.topic);
    m_topic->setPlaceholderText(tr("any watched telemetry topic"));
    m_topic->setToolTip(tr("The topic the device publishes to; it is consumed for the rule"));
    m_threshold->setObjectName(QStringLiteral("thresholdEdit"));
    m_threshold->setText(numberText(rule.threshold));
    m_clear->setObjectName(QStringLiteral("clearEdit"));
    m_clear->setText(numberText(rule.clearThreshold));
    m_clear->setPlaceholderText(tr("the threshold itself"));
    m_below->setObjectName(QStringLiteral("belowCheck"));
    m_below->setChecked(rule.below);
    m_for->setObjectName(QStringLiteral("forEdit"));
    m_for->setText(numberText(rule.forSeconds));
    m_severity->setObjectName(QStringLiteral("severityCombo"));
    for (AlertSeverity s : {AlertSeverity::Info, AlertSeverity::Warning, AlertSeverity::Critical})
        m_severity->addItem(severityName(s), int(s));
    m_severity->setCurrentIndex(m_severity->findData(int(rule.severity)));
    m_enabled->setObjectName(QStringLiteral("enabledCheck"));
    m_enabled->setChecked(rule.enabled);

    auto *form = new QFormLayout;
    auto row = [&](const QString &label, const QString &field, QWidget *w) {
        auto *message = new FieldMessage(field + QStringLiteral("Message"));
        m_messages.insert(field, message);
        QWidget *box = withMessage(w, message);
        m_rows.insert(field, box);
        form->addRow(label, box);
    };
    form->addRow(tr("&Kind:"), m_kind);
    row(tr("&Name:"), QStringLiteral("name"), m_name);
    row(tr("&Applies to:"), QStringLiteral("target"), m_target);
    row(tr("Telemetry &key:"), QStringLiteral("key"), m_key);
    row(tr("Telemetry t&opic:"), QStringLiteral("topic"), m_topic);
    row(tr("&Threshold:"), QStringLiteral("threshold"), m_threshold);
    row(tr("&Clears at:"), QStringLiteral("clearThreshold"), m_clear);
    form->addRow(QString(), m_below);
    row(tr("For at &least (s):"), QStringLiteral("forSeconds"), m_for);
    form->addRow(tr("&Severity:"), m_severity);
    form->addRow(QString(), m_enabled);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("okButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ok, &QPushButton::clicked, this, &RuleDialog::submit);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &RuleDialog::kindChanged);
    for (QLineEdit *e : {m_name, m_target, m_key, m_topic, m_threshold, m_clear, m_for})
        connect(e, &QLineEdit::textEdited, this, [this] { validate(nullptr); });
    connect(m_below, &QCheckBox::toggled, this, [this] { validate(nullptr); });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);
    kindChanged();
    resize(520, 420);
}

void RuleDialog::kindChanged()
{
    const RuleKindInfo &info = ruleKindInfo(RuleKind(m_kind->currentData().toInt()));
    const bool telemetryKey = info.kind == RuleKind::TelemetryThreshold;
    m_rows.value(QStringLiteral("key"))->setVisible(telemetryKey);
    m_rows.value(QStringLiteral("topic"))->setVisible(info.subjectKind == u"device");
    m_rows.value(QStringLiteral("threshold"))->setVisible(info.hasThreshold);
    m_rows.value(QStringLiteral("clearThreshold"))->setVisible(info.hasThreshold);
    m_rows.value(QStringLiteral("target"))->setVisible(info.subjectKind != u"cluster");
    m_below->setVisible(telemetryKey);
    m_threshold->setToolTip(info.unit);
    if (m_name->text().trimmed().isEmpty())
        m_name->setPlaceholderText(info.title);
    // A kind that was never given a threshold starts from its usual one; typed text stays.
    if (m_threshold->text().trimmed().isEmpty() || m_threshold->text() == u"0")
        m_threshold->setText(numberText(info.defaultThreshold));
    validate(nullptr);
}

bool RuleDialog::validate(AlertRule *out)
{
    AlertRule r = m_rule;
    r.kind = RuleKind(m_kind->currentData().toInt());
    const RuleKindInfo &info = ruleKindInfo(r.kind);
    r.name = m_name->text().trimmed();
    r.target = info.subjectKind == u"cluster" ? QString() : m_target->text().trimmed();
    r.key = m_key->text().trimmed();
    r.topic = info.subjectKind == u"device" ? m_topic->text().trimmed() : QString();
    r.below = m_below->isChecked();
    r.severity = AlertSeverity(m_severity->currentData().toInt());
    r.enabled = m_enabled->isChecked();

    QHash<QString, QString> problems;
    bool ok = true;
    r.threshold = info.hasThreshold ? parseNumber(m_threshold->text(), &ok) : 0;
    if (!ok)
        problems.insert(QStringLiteral("threshold"), tr("\"%1\" is not a number.").arg(m_threshold->text()));
    r.clearThreshold = qQNaN();
    if (info.hasThreshold && !m_clear->text().trimmed().isEmpty()) {
        r.clearThreshold = parseNumber(m_clear->text(), &ok);
        if (!ok)
            problems.insert(QStringLiteral("clearThreshold"), tr("\"%1\" is not a number.").arg(m_clear->text()));
    }
    r.forSeconds = parseNumber(m_for->text(), &ok);
    if (!ok)
        problems.insert(QStringLiteral("forSeconds"), tr("Enter seconds, e.g. 60."));
    for (const RuleField &f : validateRule(r))
        if (!problems.contains(f.field))
            problems.insert(f.field, f.message);
    for (auto it = m_messages.cbegin(); it != m_messages.cend(); ++it) {
        if (problems.contains(it.key()))
            it.value()->showError(problems.value(it.key()));
        else
            it.value()->clear();
    }
    if (out)
        *out = r;
    return problems.isEmpty();
}

void RuleDialog::submit()
{
    AlertRule r;
    if (!validate(&r))
        return; // the messages say what to fix; everything typed stays
    if (r.id.isEmpty())
        r.id = AlertRule::withNewId().id;
    m_rule = r;
    accept();
}

} // namespace kafkascope
