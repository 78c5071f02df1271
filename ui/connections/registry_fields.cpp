#include "connections/registry_fields.h"

#include "decoding/registry_browser.h"
#include "file_path_edit.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace kafkascope {

RegistryFields::RegistryFields(QWidget *parent)
    : QGroupBox(tr("Schema Registry (optional)"), parent), m_url(new QLineEdit), m_username(new QLineEdit),
      m_password(new QLineEdit), m_token(new QLineEdit),
      m_caFile(new FilePathEdit(tr("Registry CA certificate"), tr("PEM files (*.pem *.crt *.cer);;All files (*)"))),
      m_testButton(new QPushButton(tr("Test &registry"))), m_testResult(new QLabel)
{
    setObjectName(QStringLiteral("registryFields"));
    m_url->setObjectName(QStringLiteral("registryUrlEdit"));
    m_url->setPlaceholderText(tr("http://host:8081 (Apicurio: …/apis/ccompat/v7)"));
    m_username->setObjectName(QStringLiteral("registryUsernameEdit"));
    m_password->setObjectName(QStringLiteral("registryPasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_token->setObjectName(QStringLiteral("registryTokenEdit"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("bearer token, instead of a user name and password"));
    m_caFile->lineEdit()->setObjectName(QStringLiteral("registryCaFileEdit"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("U&RL"), m_url);
    form->addRow(tr("User name"), m_username);
    form->addRow(tr("Password"), m_password);
    form->addRow(tr("Token"), m_token);
    form->addRow(tr("CA file"), m_caFile);
    m_testButton->setObjectName(QStringLiteral("registryTestButton"));
    m_testResult->setObjectName(QStringLiteral("registryTestResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_testResult, 1);
    form->addRow(testRow);
    connect(m_testButton, &QPushButton::clicked, this, &RegistryFields::test);
}

void RegistryFields::test()
{
    const RegistryEndpoint e = endpoint();
    if (!e.enabled()) {
        m_testResult->setText(tr("Enter the registry's URL first."));
        m_testResult->setStyleSheet(QStringLiteral("color: #d93a3a;"));
        return;
    }
    delete m_tester; // aborts a test still in flight: only the newest answer is shown
    m_tester = new RegistryBrowser(e, this);
    m_testResult->setStyleSheet({});
    m_testResult->setText(tr("Asking %1…").arg(e.url));
    connect(m_tester, &RegistryBrowser::subjectsListed, this, [this](const QStringList &subjects) {
        constexpr int kShown = 5;
        QString text = tr("Reached: %n subject(s)", nullptr, int(subjects.size()));
        if (!subjects.isEmpty())
            text += QStringLiteral(": ") + subjects.mid(0, kShown).join(QStringLiteral(", "))
                    + (subjects.size() > kShown ? QStringLiteral(", …") : QString());
        m_testResult->setText(text);
        m_testResult->setStyleSheet(QStringLiteral("color: #2ea043;"));
    });
    connect(m_tester, &RegistryBrowser::failed, this, [this](const QString &, const QString &error) {
        m_testResult->setText(tr("Failed: %1").arg(error));
        m_testResult->setStyleSheet(QStringLiteral("color: #d93a3a;"));
    });
    m_tester->listSubjects();
}

QString RegistryFields::testResult() const
{
    return m_testResult->text();
}

RegistryEndpoint RegistryFields::endpoint() const
{
    RegistryEndpoint e;
    e.url = m_url->text().trimmed();
    e.username = m_username->text().trimmed();
    e.password = m_password->text();
    e.token = m_token->text().trimmed();
    e.caFile = m_caFile->path();
    return e;
}

void RegistryFields::setEndpoint(const RegistryEndpoint &e)
{
    m_url->setText(e.url);
    m_username->setText(e.username);
    m_password->setText(e.password);
    m_token->setText(e.token);
    m_caFile->setPath(e.caFile);
}

} // namespace kafkascope
