import KundvalDiagnostics
import KundvalSyntax

/// Compares syntax trees without their positions: two files have the same shape when they say the
/// same thing, however they are laid out.
public enum SyntaxShape {
    /// A description of every value in the tree except source spans. Two trees are equal modulo
    /// positions exactly when their descriptions are equal. It walks the tree by reflection, so a
    /// node added to the syntax later is compared without changes here.
    public static func describe(_ syntax: SourceFileSyntax) -> String {
        summary(of: syntax).shape
    }

    /// The description of the tree (see ``describe(_:)``) and the value of every text literal in
    /// it, in source order, from one walk.
    public static func summary(of syntax: SourceFileSyntax) -> (shape: String, texts: [String]) {
        var walker = Walker()
        walker.output.reserveCapacity(4096)
        walker.visit(syntax)
        return (walker.output, walker.texts)
    }

    /// Whether two trees are equal apart from source spans.
    public static func equal(_ lhs: SourceFileSyntax, _ rhs: SourceFileSyntax) -> Bool {
        describe(lhs) == describe(rhs)
    }

    /// The walk: types are compared by identity (cheap) before any cast.
    private struct Walker {
        var output = ""
        var texts: [String] = []

        mutating func visit(_ value: Any) {
            let type = Swift.type(of: value)
            if type == SourceSpan.self { return }
            if type == String.self, let string = value as? String {
                output += "\""
                output += string
                output += "\""
                return
            }
            if type == Int.self || type == Int64.self || type == Bool.self {
                output += String(describing: value)
                return
            }
            if type == TextLiteral.self, let literal = value as? TextLiteral { texts.append(literal.value) }
            if type == Expression.self, let expression = value as? Expression, case .text(let text) = expression.kind {
                texts.append(text)
            }
            let mirror = Mirror(reflecting: value)
            switch mirror.displayStyle {
            case .optional:
                if let some = mirror.children.first { visit(some.value) } else { output += "nil" }
            case .collection, .set:
                output += "["
                for child in mirror.children {
                    visit(child.value)
                    output += ","
                }
                output += "]"
            case .enum:
                if let payload = mirror.children.first {
                    output += payload.label ?? "?"
                    output += "("
                    visit(payload.value)
                    output += ")"
                } else {
                    output += String(describing: value)
                }
            case .struct, .tuple, .class, .dictionary:
                output += "("
                for child in mirror.children {
                    if let label = child.label { output += label; output += ":" }
                    visit(child.value)
                    output += " "
                }
                output += ")"
            default:
                output += String(describing: value)
            }
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
    /// The value of every text literal in the tree, in source order.
    var textValues: [String] { SyntaxShape.summary(of: self).texts }
}
