/* osaaja staff application: small progressive enhancements. Every page works without this file. */
(function () {
	'use strict';
	document.documentElement.classList.add('js'); /* the live picker replaces the no-script "Find in ESCO" step */

	/* Language menu: submit on change (the button stays for keyboard and no-script use). */
	document.querySelectorAll('select[data-autosubmit]').forEach(function (sel) {
		sel.addEventListener('change', function () { HTMLFormElement.prototype.submit.call(sel.form); });
	});

	/* Move focus to a form's error summary so screen-reader and keyboard users hear it first. */
	var firstError = document.querySelector('[data-focus]');
	if (firstError) { firstError.focus(); }

	/* No double submit: disable the button once a form is on its way (redirect-after-post does the rest). */
	document.addEventListener('submit', function (ev) {
		var form = ev.target;
		var confirmBtn = ev.submitter && ev.submitter.getAttribute('data-confirm');
		if (confirmBtn && !window.confirm(confirmBtn)) { ev.preventDefault(); return; }
		/* the attribute, not form.method: a field named "method" (a consent's) shadows the property */
		if ((form.getAttribute('method') || 'get').toLowerCase() !== 'post') { return; }
		if (form.dataset.sent) { ev.preventDefault(); return; }
		form.dataset.sent = '1';
		/* a disabled submitter is left out of the form data: keep its name=value (e.g. answer=interview) */
		if (ev.submitter && ev.submitter.name) {
			var keep = document.createElement('input');
			keep.type = 'hidden'; keep.name = ev.submitter.name; keep.value = ev.submitter.value;
			form.appendChild(keep);
		}
		form.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = true; });
	});

	/* ESCO picker: as-you-type search on /api/v1/taxonomy/search. When the route is missing or fails, the field
	 * stays a plain text field and the server keeps the text as written. */
	function picker(input) {
		var list = document.getElementById(input.getAttribute('aria-controls'));
		var hidden = document.getElementById(input.dataset.uri);
		var timer = null, items = [], active = -1, seq = 0;
		if (!list || !hidden) { return; }
		function close() {
			list.hidden = true; list.textContent = ''; items = []; active = -1;
			input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant');
		}
		function choose(i) {
			var it = items[i];
			if (!it) { return; }
			input.value = it.label; hidden.value = it.uri; close();
			/* an occupation brings its ISCO unit group into an empty code field (or one it filled itself) */
			var isco = input.form && input.form.elements.namedItem('isco_code');
			if (isco && it.isco && (!isco.value || isco.dataset.filled === isco.value)) {
				isco.value = it.isco; isco.dataset.filled = it.isco;
			}
		}
		function highlight(i) {
			var opts = list.querySelectorAll('li');
			opts.forEach(function (li, k) { li.setAttribute('aria-selected', k === i ? 'true' : 'false'); });
			active = i;
			if (opts[i]) { input.setAttribute('aria-activedescendant', opts[i].id); opts[i].scrollIntoView({block: 'nearest'}); }
		}
		function render(found) {
			list.textContent = '';
			items = found.slice(0, 10);
			if (!items.length) { close(); return; }
			items.forEach(function (it, i) {
				var li = document.createElement('li');
				li.id = list.id + '-' + i; li.setAttribute('role', 'option'); li.setAttribute('aria-selected', 'false');
				li.textContent = it.label;
				if (it.code) { var k = document.createElement('span'); k.className = 'k'; k.textContent = ' ' + it.code; li.appendChild(k); }
				li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(i); });
				list.appendChild(li);
			});
			list.hidden = false; input.setAttribute('aria-expanded', 'true');
		}
		function search() {
			var q = input.value.trim(), mine = ++seq;
			if (q.length < 2) { close(); return; }
			var url = '/api/v1/taxonomy/search?q=' + encodeURIComponent(q) + '&lang=' + encodeURIComponent(input.dataset.lang || 'fi') +
				'&kind=' + encodeURIComponent(input.dataset.picker);
			fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json'}}).then(function (res) {
				if (!res.ok) { throw new Error('search unavailable'); }
				return res.json();
			}).then(function (data) {
				if (mine !== seq) { return; }
				var arr = data.items || data.results || data.concepts || [];
				render(arr.map(function (c) {
					return {uri: c.uri, label: c.label || c.preferred_label || c.title || c.uri, code: c.isco || '', isco: c.isco || ''};
				}).filter(function (c) { return c.uri; }));
			}).catch(function () { close(); });
		}
		input.addEventListener('input', function () {
			hidden.value = ''; /* typed text no longer names the chosen concept */
			clearTimeout(timer); timer = setTimeout(search, 200);
		});
		input.addEventListener('keydown', function (e) {
			if (list.hidden) { return; }
			if (e.key === 'ArrowDown') { e.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
			else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
			else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); choose(active); }
			else if (e.key === 'Escape') { close(); }
		});
		input.addEventListener('blur', function () { setTimeout(close, 150); });
	}
	document.querySelectorAll('input[data-picker]').forEach(picker);

	/* A confirmation shows where the user is: after a save in a section of a long page (#sec-...), the notice
	 * moves from the top of the page into that section, under its heading. */
	var notice = document.querySelector('main .notice[role=status]');
	var target = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
	if (notice && target && !target.contains(notice)) {
		var head = target.querySelector('h2, h3');
		if (head && head.parentNode === target) { head.insertAdjacentElement('afterend', notice); }
		else { target.insertBefore(notice, target.firstChild); }
		notice.tabIndex = -1;
	}
	/* Wide tables: fade the edge a table scrolls towards, and on a narrow screen say that it scrolls (the text comes
	 * from the page, in its language). */
	var scrollHint = document.body.getAttribute('data-scroll-hint');
	function markScroll(wrap) {
		var more = wrap.scrollWidth - wrap.clientWidth > 1;
		wrap.classList.toggle('more-left', more && wrap.scrollLeft > 1);
		wrap.classList.toggle('more-right', more && wrap.scrollLeft + wrap.clientWidth < wrap.scrollWidth - 1);
		/* a table that scrolls is reached and scrolled with the keyboard too (focusable, named by its caption) */
		if (more && !wrap.hasAttribute('tabindex')) {
			wrap.tabIndex = 0;
			var cap = wrap.querySelector('caption');
			if (!wrap.hasAttribute('role') && cap && cap.textContent) {
				wrap.setAttribute('role', 'region');
				wrap.setAttribute('aria-label', cap.textContent.trim());
			}
		}
		var hint = wrap.previousElementSibling;
		if (!hint || !hint.classList.contains('scroll-hint')) {
			if (!more || !scrollHint) { return; }
			hint = document.createElement('p');
			hint.className = 'scroll-hint';
			hint.setAttribute('aria-hidden', 'true');
			hint.textContent = scrollHint;
			wrap.parentNode.insertBefore(hint, wrap);
		}
		hint.hidden = !more;
	}
	var wraps = document.querySelectorAll('.table-wrap');
	wraps.forEach(function (w) {
		markScroll(w);
		w.addEventListener('scroll', function () { markScroll(w); }, { passive: true });
	});
	window.addEventListener('resize', function () { wraps.forEach(markScroll); });
})();
