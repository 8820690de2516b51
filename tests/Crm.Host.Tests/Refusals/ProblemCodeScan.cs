using System.Text;
using System.Text.RegularExpressions;

namespace Crm.Host.Tests.Refusals;

/// <summary>
/// Reads C# source as text to find the problem codes it answers and the codes tests assert. A code is a
/// snake_case string literal passed to a refusal (DomainError.Invalid/NotFound/Conflict/Unprocessable,
/// FieldChecks.Fail, new FieldError/InputFault/ImportRowFailure, a Problem helper…), put under
/// ["code"], or held by a const named …Code. Codes built at run time (FieldChecks' field + "_required")
/// are not literals and are not counted.
/// </summary>
internal static partial class ProblemCodeScan
{
    /// <summary>Calls whose snake_case string arguments are codes (the callee's name, or <c>new</c> for a target-typed FieldError).</summary>
    private static readonly HashSet<string> Refusals =
    [
        "Invalid", "NotFound", "Conflict", "Unprocessable", "Fail", "FieldError", "InputFault", "ImportRowFailure", "Problem", "DomainError",
        "Fault", "Refused", "new",
    ];

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Crm.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Crm.sln not found above " + AppContext.BaseDirectory);
    }

    public static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>Each code a source file answers, with the test-side reference to its const (e.g. DuplicateCheck.Code) when it has one.</summary>
    public static IEnumerable<(string Code, string? Constant)> CodesIn(string path)
    {
        var text = File.ReadAllText(path);
        var blanked = Blank(text);
        foreach (Match literal in SnakeLiteral().Matches(text))
        {
            // A literal inside a comment or another string is blanked: only real literals count.
            if (blanked[literal.Index] != '"') continue;
            var lineStart = text.LastIndexOf('\n', literal.Index) + 1;
            var before = text[lineStart..literal.Index];
            if (ConstCode().Match(before) is { Success: true } constant)
                yield return (literal.Groups[1].Value, Path.GetFileNameWithoutExtension(path) + "." + constant.Groups[1].Value);
            else if (CodeKey().IsMatch(before) || MessageAfter().IsMatch(text, literal.Index + literal.Length)
                     || Refusals.Contains(EnclosingCall(blanked, literal.Index) ?? ""))
                yield return (literal.Groups[1].Value, null);
        }
    }

    /// <summary>Every snake_case word inside a string literal of the tests, and every Type.…Code they name.</summary>
    public static HashSet<string> AssertedIn(IEnumerable<string> paths)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var text = File.ReadAllText(path);
            foreach (Match literal in AnyLiteral().Matches(text))
            {
                foreach (Match word in Word().Matches(literal.Groups[1].Value)) words.Add(word.Value);
            }
            foreach (Match constant in ConstReference().Matches(text)) words.Add(constant.Value);
        }
        return words;
    }

    /// <summary>The name before the innermost unclosed '(' around a position, or null outside any call.</summary>
    private static string? EnclosingCall(string blanked, int position)
    {
        var depth = 0;
        for (var i = position - 1; i >= 0; i--)
        {
            var c = blanked[i];
            if (c is ')' or ']') depth++;
            else if (c is '(' or '[')
            {
                if (depth-- > 0) continue;
                if (c == '[') return null;
                var name = CallName().Match(blanked[..i]);
                return name.Success ? name.Groups[1].Value : null;
            }
            else if (c is ';' or '{' or '}' && depth == 0) return null;
        }
        return null;
    }

    /// <summary>The source with comments and the insides of string and char literals turned to spaces (positions kept).</summary>
    private static string Blank(string text)
    {
        var result = new StringBuilder(text);
        var i = 0;
        void Fill(int from, int to)
        {
            for (var k = from + 1; k < Math.Min(to, text.Length) - 1; k++)
            {
                if (result[k] != '\n') result[k] = ' ';
            }
        }
        while (i < text.Length)
        {
            if (text.AsSpan(i).StartsWith("//"))
            {
                var end = text.IndexOf('\n', i);
                end = end < 0 ? text.Length : end;
                for (var k = i; k < end; k++) result[k] = ' ';
                i = end;
            }
            else if (text.AsSpan(i).StartsWith("/*"))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                for (var k = i; k < end; k++) result[k] = text[k] == '\n' ? '\n' : ' ';
                i = end;
            }
            else if (RawStart().Match(text, i) is { Success: true } raw && raw.Index == i)
            {
                var quotes = raw.Groups[1].Value;
                var end = text.IndexOf(quotes, i + raw.Length, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + quotes.Length;
                Fill(i, end);
                i = end;
            }
            else if (text[i] == '\'' && CharLiteral().Match(text, i) is { Success: true } ch && ch.Index == i)
            {
                Fill(i, i + ch.Length);
                i += ch.Length;
            }
            else if (StringStart().Match(text, i) is { Success: true } start && start.Index == i)
            {
                var verbatim = start.Value.Contains('@', StringComparison.Ordinal);
                var j = i + start.Length;
                while (j < text.Length)
                {
                    if (!verbatim && text[j] == '\\') j += 2;
                    else if (text[j] == '"' && verbatim && j + 1 < text.Length && text[j + 1] == '"') j += 2;
                    else if (text[j] == '"') break;
                    else j++;
                }
                Fill(i + start.Length - 1, j + 1);
                i = j + 1;
            }
            else i++;
        }
        return result.ToString();
    }

    [GeneratedRegex("\"([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\"")]
    private static partial Regex SnakeLiteral();

    // A snake_case string constant is a code (e.g. DuplicateCheck.Code, RecordAccess.TeamReadOnlyCode).
    [GeneratedRegex(@"const\s+string\s+(\w*Code)\s*=\s*$")]
    private static partial Regex ConstCode();

    [GeneratedRegex(@"\[""code""\]\s*=\s*$")]
    private static partial Regex CodeKey();

    /// <summary>A (field, code, message) tuple: the literal is followed by a message in capitals.</summary>
    [GeneratedRegex(@"\G\s*,\s*\$?""[A-Z]")]
    private static partial Regex MessageAfter();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)\s*(?:<[^<>()]*>)?\s*$")]
    private static partial Regex CallName();

    [GeneratedRegex("\\G[$@]*(\"{3,})")]
    private static partial Regex RawStart();

    [GeneratedRegex(@"\G'(?:\\.|[^\\'])+'")]
    private static partial Regex CharLiteral();

    [GeneratedRegex("\\G(?:\\$@|@\\$|\\$|@)?\"")]
    private static partial Regex StringStart();

    [GeneratedRegex("\"([^\"\\n]*)\"")]
    private static partial Regex AnyLiteral();

    [GeneratedRegex("[a-z0-9_]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b[A-Z]\w*\.\w*Code\b")]
    private static partial Regex ConstReference();
}
