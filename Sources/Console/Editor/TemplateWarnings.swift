import ActionModel

extension ActionEditorState {
    /// `{{secret.X}}` / `{{env.X}}` that the active environment doesn't define,
    /// by form row: the URL, the header line that has it, the signature
    /// secret. Warnings, not errors: the action may be saved and used in
    /// another environment, but a request from here would fail unsent. Worded
    /// by `TemplateContext.issues(for:)`, so the CLI and the form agree.
    var templateWarnings: [EditorField: String] {
        guard let templateNames, kind == .customInput else { return [:] }
        var warnings: [EditorField: String] = [:]
        let headers = values.headers.map { FormValues.parseHeader($0.text) }
        for issue in templateNames.issues(for: draftAction) {
            switch issue.field {
            case .headers:
                // "Authorization: {{secret.X}} is not defined…" belongs to the Authorization line.
                guard let line = headers.firstIndex(where: { header in
                    header.map { issue.message.hasPrefix($0.name + ": ") } ?? false
                }) else { continue }
                let field = EditorField.header(line)
                if warnings[field] == nil { warnings[field] = issue.message }
            default:
                if let field = EditorField(issue.field), warnings[field] == nil { warnings[field] = issue.message }
            }
        }
        return warnings
    }
}
