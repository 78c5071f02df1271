#include "connections/connection_dialog.h"
#include "shell/theme.h"

#include "connections/registry_fields.h"

#include "profiles/client_properties_import.h"
#include "file_path_edit.h"
#include "key_value_table.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kafkascope {

namespace {
QLabel *makeErrorLabel(const QString &field)
{
    auto *label = new QLabel;
    label->setObjectName(field + QStringLiteral("Error"));
    label->setStyleSheet(Theme::errorStyleSheet());
    label->setWordWrap(true);
    label->hide();
    return label;
}
} // namespace

ConnectionDialog::ConnectionDialog(const ConnectionProfile &profile, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(profile.name.isEmpty() ? tr("New connection") : tr("Edit connection"));
    buildForm();
    setProfile(profile);
    connect(&m_testWatcher, &QFutureWatcher<ConnectionTestResult>::finished, this, [this] {
        const ConnectionTestResult r = m_testWatcher.result();
        m_testResult->setText(r.summary());
        m_testResult->setStyleSheet(r.ok ? QStringLiteral("color: #2ea043;") : Theme::errorStyleSheet());
        m_testButton->setEnabled(true);
        // The whole cause, never its end cut off: the wrapped label claims the height it needs.
        m_testResult->setMinimumHeight(m_testResult->heightForWidth(std::max(m_testResult->width(), width() - 40)));
        layout()->activate();
        if (const int need = layout()->totalMinimumSize().height(); need > height())
            resize(width(), need);
    });
}

void ConnectionDialog::buildForm()
{
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_bootstrap = new QLineEdit;
    m_bootstrap->setObjectName(QStringLiteral("bootstrapEdit"));
    m_bootstrap->setPlaceholderText(QStringLiteral("broker1:9092,broker2:9092"));
    m_security = new QComboBox;
    m_security->setObjectName(QStringLiteral("securityCombo"));
    for (auto p : {SecurityProtocol::Plaintext, SecurityProtocol::Ssl, SecurityProtocol::SaslPlaintext,
                   SecurityProtocol::SaslSsl})
        m_security->addItem(displayName(p), int(p));
    m_sasl = new QComboBox;
    m_sasl->setObjectName(QStringLiteral("saslCombo"));
    for (auto m : {SaslMechanism::Plain, SaslMechanism::ScramSha256, SaslMechanism::ScramSha512})
        m_sasl->addItem(displayName(m), int(m));
    m_username = new QLineEdit;
    m_username->setObjectName(QStringLiteral("usernameEdit"));
    m_password = new QLineEdit;
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    const QString pem = tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)");
    m_caFile = new FilePathEdit(tr("CA certificate"), pem);
    m_caFile->lineEdit()->setObjectName(QStringLiteral("caFileEdit"));
    m_certFile = new FilePathEdit(tr("Client certificate"), pem);
    m_certFile->lineEdit()->setObjectName(QStringLiteral("certFileEdit"));
    m_keyFile = new FilePathEdit(tr("Client key"), pem);
    m_keyFile->lineEdit()->setObjectName(QStringLiteral("keyFileEdit"));
    m_keyPassword = new QLineEdit;
    m_keyPassword->setObjectName(QStringLiteral("keyPasswordEdit"));
    m_keyPassword->setEchoMode(QLineEdit::Password);
    m_extra = new KeyValueTable(tr("librdkafka property"), tr("Value"));
    m_extra->setObjectName(QStringLiteral("extraProperties"));

    auto *form = new QFormLayout;
    auto addRow = [&](const QString &label, QWidget *field, const QString &fieldName) {
        auto *box = new QWidget;
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(2);
        v->addWidget(field);
        QLabel *error = makeErrorLabel(fieldName);
        v->addWidget(error);
        m_errorLabels.insert(fieldName, error);
        form->addRow(label, box);
        return box;
    };
    addRow(tr("&Name"), m_name, QStringLiteral("name"));
    addRow(tr("&Bootstrap servers"), m_bootstrap, QStringLiteral("bootstrapServers"));
    addRow(tr("&Security protocol"), m_security, QStringLiteral("security"));
    m_saslRows << addRow(tr("SASL &mechanism"), m_sasl, QStringLiteral("saslMechanism"))
               << addRow(tr("&User name"), m_username, QStringLiteral("username"))
               << addRow(tr("&Password"), m_password, QStringLiteral("password"));
    m_sslRows << addRow(tr("&CA file"), m_caFile, QStringLiteral("caFile"))
              << addRow(tr("Client c&ertificate"), m_certFile, QStringLiteral("certFile"))
              << addRow(tr("Client &key"), m_keyFile, QStringLiteral("keyFile"))
              << addRow(tr("Key pass&word"), m_keyPassword, QStringLiteral("keyPassword"));
    auto *extraBox = new QGroupBox(tr("Extra librdkafka properties"));
    auto *extraLayout = new QVBoxLayout(extraBox);
    extraLayout->addWidget(m_extra);
    extraLayout->addWidget(m_errorLabels[QStringLiteral("extraProperties")] = makeErrorLabel(QStringLiteral("extraProperties")));

    m_importNotes = new QLabel;
    m_importNotes->setObjectName(QStringLiteral("importNotes"));
    m_importNotes->setWordWrap(true);
    m_importNotes->hide();
    m_testButton = new QPushButton(tr("&Test connection"));
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_testResult = new QLabel;
    m_testResult->setObjectName(QStringLiteral("testResultLabel"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *importButton = new QPushButton(tr("&Import client.properties…"));
    importButton->setObjectName(QStringLiteral("importButton"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    buttons->addButton(m_testButton, QDialogButtonBox::ActionRole);
    buttons->addButton(importButton, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(extraBox, 1);
    m_registry = new RegistryFields;
    layout->addWidget(m_registry);
    layout->addWidget(m_importNotes);
    layout->addWidget(m_testResult);
    layout->addWidget(buttons);
    resize(620, 640);

    connect(m_security, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateSecurityFields);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionDialog::runTest);
    connect(importButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import client.properties"), {},
                                                          tr("Properties (*.properties);;All files (*)"));
        if (!path.isEmpty())
            importClientProperties(path);
    });
}

void ConnectionDialog::updateSecurityFields()
{
    const auto protocol = SecurityProtocol(m_security->currentData().toInt());
    ConnectionProfile probe;
    probe.security = protocol;
    for (QWidget *w : std::as_const(m_saslRows))
        w->setEnabled(probe.usesSasl());
    for (QWidget *w : std::as_const(m_sslRows))
        w->setEnabled(probe.usesSsl());
}

ConnectionProfile ConnectionDialog::profile() const
{
    ConnectionProfile p;
    p.id = m_id;
    p.name = m_name->text().trimmed();
    p.bootstrapServers = m_bootstrap->text().trimmed();
    p.security = SecurityProtocol(m_security->currentData().toInt());
    p.saslMechanism = SaslMechanism(m_sasl->currentData().toInt());
    p.username = m_username->text().trimmed();
    p.password = m_password->text();
    p.caFile = m_caFile->path();
    p.certFile = m_certFile->path();
    p.keyFile = m_keyFile->path();
    p.keyPassword = m_keyPassword->text();
    p.extraProperties = m_extra->pairs();
    p.registry = m_registry->endpoint();
    return p;
}

void ConnectionDialog::setProfile(const ConnectionProfile &p)
{
    m_id = p.id.isEmpty() ? ConnectionProfile::newId() : p.id;
    m_name->setText(p.name);
    m_bootstrap->setText(p.bootstrapServers);
    m_security->setCurrentIndex(m_security->findData(int(p.security)));
    m_sasl->setCurrentIndex(m_sasl->findData(int(p.saslMechanism)));
    m_username->setText(p.username);
    m_password->setText(p.password);
    m_caFile->setPath(p.caFile);
    m_certFile->setPath(p.certFile);
    m_keyFile->setPath(p.keyFile);
    m_keyPassword->setText(p.keyPassword);
    m_extra->setPairs(p.extraProperties);
    m_registry->setEndpoint(p.registry);
    updateSecurityFields();
}

bool ConnectionDialog::importClientProperties(const QString &path)
{
    const ClientPropertiesImport imported = importClientPropertiesFile(path);
    if (!imported.error.isEmpty()) {
        m_importNotes->setText(imported.error);
        m_importNotes->show();
        return false;
    }
    ConnectionProfile p = imported.profile;
    p.id = m_id;
    if (!m_name->text().trimmed().isEmpty())
        p.name = m_name->text().trimmed(); // keep what the user already typed
    setProfile(p);
    m_importNotes->setText(imported.warnings.isEmpty()
                               ? tr("Imported %1.").arg(path)
                               : tr("Imported %1 with notes:\n• %2").arg(path, imported.warnings.join(QStringLiteral("\n• "))));
    m_importNotes->show();
    return true;
}

bool ConnectionDialog::showIssues()
{
    for (QLabel *l : std::as_const(m_errorLabels))
        l->hide();
    const auto issues = profile().validate();
    for (const ProfileIssue &issue : issues)
        if (QLabel *l = m_errorLabels.value(issue.field)) {
            l->setText(issue.message);
            l->show();
        }
    return issues.isEmpty();
}

QString ConnectionDialog::testResult() const
{
    return m_testResult->text();
}

void ConnectionDialog::runTest()
{
    if (!showIssues() || m_testWatcher.isRunning())
        return;
    m_testButton->setEnabled(false);
    m_testResult->setStyleSheet({});
    m_testResult->setText(tr("Testing %1…").arg(m_bootstrap->text().trimmed()));
    m_testWatcher.setFuture(testConnectionAsync(profile()));
}

void ConnectionDialog::accept()
{
    if (showIssues())
        QDialog::accept();
}

} // namespace kafkascope
