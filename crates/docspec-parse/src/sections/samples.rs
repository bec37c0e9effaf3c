//! Sample sections: http code blocks become samples; include directives mean the page shows
//! none.

use super::{Section, SectionKind, keep_stray, section_label};
use crate::blocks::{Block, Paragraph};
use crate::diagnostic::Reporter;
use crate::sample::parse_sample;
use crate::{Page, SampleKind};

/// Sample sections: http blocks become samples; include directives mean the page has none.
pub(super) fn read_samples(
    page: &mut Page,
    section: &Section<'_, '_>,
    reporter: &mut Reporter<'_>,
) {
    for block in &section.blocks {
        match block {
            Block::Fence(fence) if fence.info.to_ascii_lowercase().starts_with("http") => {
                let Some(sample) = parse_sample(fence, reporter) else {
                    continue;
                };
                let under_response_heading = section.kind == SectionKind::SampleResponse;
                if under_response_heading && sample.kind == SampleKind::Request {
                    let message = "a request sample under the `Sample response` heading";
                    reporter.warning(fence.line, "sample-kind-mismatch", message);
                }
                page.samples.push(sample);
            }
            Block::Paragraph(paragraph) if is_include_directive(paragraph) => {
                let message = format!(
                    "sample is an include directive, not shown on the page: {}",
                    paragraph.text()
                );
                reporter.note(paragraph.line, "sample-include", message);
            }
            _ => keep_stray(page, section_label(section), block, reporter),
        }
    }
}

pub(super) fn is_include_directive(paragraph: &Paragraph<'_>) -> bool {
    paragraph
        .lines
        .iter()
        .all(|line| line.trim_start().starts_with("[!include"))
}
