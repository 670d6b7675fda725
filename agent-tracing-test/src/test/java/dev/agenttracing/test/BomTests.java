package dev.agenttracing.test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BOM the README tells users to import: it has the project's version and manages every
 * artifact of the project an application depends on, and nothing else (no Spring Boot or
 * Spring AI version, which the application's own BOMs own).
 */
class BomTests {

	private static final Path ROOT = Path.of("..");

	@Test
	void bomHasTheProjectsVersionAndManagesItsPublishedArtifactsOnly() throws Exception {
		Document parent = read(ROOT.resolve("pom.xml"));
		Document bom = read(ROOT.resolve("agent-tracing-bom").resolve("pom.xml"));

		assertThat(child(bom.getDocumentElement(), "parent")).isNull();
		assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(parent.getDocumentElement(), "version"));
		assertThat(text(bom.getDocumentElement(), "packaging")).isEqualTo("pom");
		List<String> managedByBom = managed(bom);
		List<String> ownManagedByParent = managed(parent).stream()
			.filter((coordinates) -> coordinates.startsWith("dev.agenttracing:"))
			.toList();
		assertThat(managedByBom).containsExactlyInAnyOrderElementsOf(ownManagedByParent)
			.contains("dev.agenttracing:agent-tracing-spring-boot-starter:${project.version}",
					"dev.agenttracing:agent-tracing-test:${project.version}");
		assertThat(text(parent.getDocumentElement(), "modules")).contains("agent-tracing-bom");
	}

	private static List<String> managed(Document pom) {
		Element management = child(pom.getDocumentElement(), "dependencyManagement");
		List<String> coordinates = new ArrayList<>();
		NodeList dependencies = child(management, "dependencies").getElementsByTagName("dependency");
		for (int i = 0; i < dependencies.getLength(); i++) {
			Element dependency = (Element) dependencies.item(i);
			if (child(dependency, "scope") == null) {
				coordinates.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId") + ":"
						+ text(dependency, "version"));
			}
		}
		return coordinates;
	}

	private static Document read(Path pom) throws Exception {
		return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
	}

	private static Element child(Element parent, String name) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(name)) {
				return element;
			}
		}
		return null;
	}

	private static String text(Element parent, String name) {
		Element element = child(parent, name);
		return (element != null) ? element.getTextContent().trim() : null;
	}

}
