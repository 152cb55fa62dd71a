import KundvalDiagnostics
import KundvalSyntax

/// Compares syntax trees without their positions: two files have the same shape when they say the
/// same thing, however they are laid out.
public enum SyntaxShape {
    /// A description of every value in the tree except source spans. Two trees are equal modulo
    /// positions exactly when their descriptions are equal. It walks the tree by reflection, so a
    /// node added to the syntax later is compared without changes here.
    public static func describe(_ syntax: SourceFileSyntax) -> String {
        var output = ""
        output.reserveCapacity(4096)
        describe(syntax, into: &output)
        return output
    }

    /// Whether two trees are equal apart from source spans.
    public static func equal(_ lhs: SourceFileSyntax, _ rhs: SourceFileSyntax) -> Bool {
        describe(lhs) == describe(rhs)
    }

    private static func describe(_ value: Any, into output: inout String) {
        if value is SourceSpan { return }
        switch value {
        case let text as String:
            output += "\""
            output += text
            output += "\""
            return
        case let number as Int:
            output += String(number)
            return
        case let number as Int64:
            output += String(number)
            return
        case let flag as Bool:
            output += flag ? "T" : "F"
            return
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let some = mirror.children.first { describe(some.value, into: &output) } else { output += "nil" }
        case .collection, .set:
            output += "["
            for child in mirror.children {
                describe(child.value, into: &output)
                output += ","
            }
            output += "]"
        case .enum:
            if let payload = mirror.children.first {
                output += payload.label ?? "?"
                output += "("
                describe(payload.value, into: &output)
                output += ")"
            } else {
                output += String(describing: value)
            }
        case .struct, .tuple, .class, .dictionary:
            output += "("
            for child in mirror.children {
                if let label = child.label { output += label; output += ":" }
                describe(child.value, into: &output)
                output += " "
            }
            output += ")"
        default:
            output += String(describing: value)
        }
    }

    /// The values of every text token of a file, in order (escapes and indentation resolved).
    public static func texts(in file: SourceFile) -> [String] {
        Parser.parse(file).syntax.textValues
    }

    /// The text of every comment of a file, in order, without trailing spaces.
    public static func comments(in file: SourceFile) -> [String] {
        var diagnostics = DiagnosticList()
        var comments: [SourceSpan] = []
        _ = Lexer.tokenize(file, diagnostics: &diagnostics, comments: &comments)
        return comments.map { span in
            var text = file.text(of: span)
            while text.last == " " || text.last == "\t" || text.last == "\r" { text.removeLast() }
            return text
        }
    }
}

extension SourceFileSyntax {
    /// The value of every text literal in the tree, in the order of the description.
    var textValues: [String] {
        var values: [String] = []
        func walk(_ value: Any) {
            if let literal = value as? TextLiteral { values.append(literal.value); return }
            if let expression = value as? Expression, case .text(let text) = expression.kind { values.append(text); return }
            for child in Mirror(reflecting: value).children { walk(child.value) }
        }
        walk(self)
        return values
    }
}
